using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Gemini.SpecTool;

/// <summary>
/// XML docs for every generated type and property: NSwag writes a schema's <c>description</c> as the <c>&lt;summary&gt;</c>, and
/// the normalizer keeps the spec's descriptions on the named schemas and on the properties that refer to them. Where the spec
/// has none, this table gives one; anything still without (a type or property a newer spec adds) gets a plain one naming its
/// wire name, so that CS1591, on for the generated code, never fails a harmless spec change.
/// </summary>
public static class Docs
{
    /// <summary>Type name, or <c>Type.wire_name</c> for a property, → summary.</summary>
    public static IReadOnlyDictionary<string, string> Table { get; } = new Dictionary<string, string>
    {
        ["BillingUsage"] = "What the call cost: the credits charged and their value in US dollars.",
        ["ChatAnnotation"] = "An annotation of the answer, such as a URL the model cited.",
        ["ChatChoice"] = "One answer of a chat completion: the message, why the model stopped, and the log probabilities when asked for.",
        ["ChatChunkChoice"] = "What one stream chunk adds to a choice: a piece of the message, and at the end why the model stopped.",
        ["ChatTool"] = "A tool the model may call.",
        ["ChatToolCallDelta"] = "What one stream chunk adds to a tool call: the id, type and name come first, the arguments in pieces.",
        ["FunctionDefinition"] = "A function the model may call: its name, what it does, and its parameters as a JSON Schema.",
        ["ImageUrl"] = "The image of an image part: an http(s) URL or a base64 data URI, and the detail level to look at it with.",
        ["TokenLogprob"] = "The log probability of one token of the answer, with the most likely alternatives at its position.",
        ["TopLogprob"] = "One of the most likely tokens at a position, with its log probability.",
        ["ChatStreamOptions.include_usage"] = "Whether the stream ends with a chunk that carries the usage (and the cost). Left unset, the client sends true.",
        ["ChatToolCallDelta.index"] = "The position of the tool call this piece belongs to, among the choice's tool calls.",
        ["FunctionDefinition.parameters"] = "The parameters the function takes, as a JSON Schema object.",
        ["ChatTool.function"] = "The function, for a tool of type 'function'.",
        ["ChatChunkChoice.finish_reason"] = "Why the model stopped, on the chunk that ends the choice; null before.",
        ["ChatCompletion.choices"] = "The answers: one unless the request asked for more with n.",
        ["ChatCompletionChunk.meta"] = "What the call cost, in the stream's last chunk.",
        ["ChatCompletionMeta.usage"] = "The credits charged and their value in US dollars.",
        ["ChatCompletionRequest.stop"] = "Up to 4 sequences where the API stops generating: one string, or a list.",
        ["ChatCompletionRequest.response_format"] = "The format the model must output: text, a JSON object, or JSON that follows a schema.",
        ["ChatCompletionRequest.stream_options"] = "Options of a streamed response; the client asks for the usage unless told not to.",
        ["ImageContentPart.image_url"] = "The image: a URL or a base64 data URI, and the detail level.",
    };

    public static NormalizationRule Rule { get; } = new("docs", RuleKind.Shaping,
        "Every generated type and property gets XML docs: the spec's description, this table's, or one that names the wire name.",
        c =>
        {
            foreach (var (name, node) in c.Schemas)
            {
                var schema = node as JsonObject;
                if (schema is null || schema["x-gemini-hand-written"] is not null)
                {
                    continue;
                }

                Describe(schema, name, $"The '{name}' object of the API.");
                DescribeProperties(schema, name);
                if (schema["allOf"] is JsonArray members)
                {
                    foreach (var member in members.OfType<JsonObject>())
                    {
                        DescribeProperties(member, name);
                    }
                }
            }
        });

    /// <summary>Describes the properties <paramref name="owner"/> declares, as fields of the type <paramref name="name"/>.</summary>
    private static void DescribeProperties(JsonObject owner, string name)
    {
        foreach (var (property, value) in owner["properties"] as JsonObject ?? new JsonObject())
        {
            if (value is JsonObject propertySchema)
            {
                Describe(propertySchema, $"{name}.{property}", $"The API's '{property}' field.");
            }
        }
    }

    private static void Describe(JsonObject schema, string key, string fallback)
    {
        if (string.IsNullOrWhiteSpace((string?)schema["description"]))
        {
            schema["description"] = Table.TryGetValue(key, out var text) ? text : fallback;
        }
    }
}
