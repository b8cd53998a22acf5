using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace Gemini.SpecTool;

/// <summary>
/// Type names. The spec has no named schemas, so NSwag would name every object after its property (<c>Body</c>,
/// <c>Choices2</c>) and number them as the spec moves. Each object gets a stable name: the one this table gives its location,
/// else its owner's name plus its property (<c>ChatAudio</c> + <c>voice</c> → <c>ChatAudioVoice</c>, items add <c>Item</c>).
/// </summary>
public static class Names
{
    private const string R = SpecPaths.Request + " ";
    private const string C = SpecPaths.Completion + " ";
    private const string S = SpecPaths.Chunk + " ";

    /// <summary>The bodies: the first names, everything else hangs off them.</summary>
    public static IReadOnlyList<(string Location, string Name)> Bodies { get; } = new[]
    {
        (SpecPaths.Request, "ChatCompletionRequest"),
        (SpecPaths.Completion, "ChatCompletion"),
        (SpecPaths.Chunk, "ChatCompletionChunk"),
    };

    /// <summary>
    /// Location → type name, after the unions (<see cref="Unions"/>) named theirs. A name already given makes a location
    /// share that type (the chunk's usage is the completion's <c>CompletionUsage</c>).
    /// </summary>
    public static IReadOnlyList<(string Location, string Name)> Table { get; } = new[]
    {
        (C + "usage", "CompletionUsage"),
        (S + "usage", "CompletionUsage"),
        ("CompletionUsage.completion_tokens_details", "CompletionTokensDetails"),
        ("CompletionUsage.prompt_tokens_details", "PromptTokensDetails"),
        (C + "choices[]", "ChatChoice"),
        (S + "choices[]", "ChatChunkChoice"),
        ("ChatChoice.logprobs", "ChatLogprobs"),
        ("ChatChunkChoice.logprobs", "ChatLogprobs"),
        ("ChatLogprobs.content[]", "TokenLogprob"),
        ("ChatLogprobs.refusal[]", "TokenLogprob"),
        ("TokenLogprob.top_logprobs[]", "TopLogprob"),
        ("ChatChoice.message", "ChatCompletionMessage"),
        ("ChatCompletionMessage.annotations[]", "ChatAnnotation"),
        ("ChatAnnotation.url_citation", "UrlCitation"),
        ("ChatCompletionMessage.audio", "ChatAudio"),
        ("ChatChunkChoice.delta", "ChatMessageDelta"),
        ("ChatMessageDelta.tool_calls[]", "ChatToolCallDelta"),
        ("ChatToolCallDelta.function", "FunctionCall"),
        (C + "meta", "ChatCompletionMeta"),
        ("ChatCompletionMeta.usage", "BillingUsage"),
        ("ImageContentPart.image_url", "ImageUrl"),
        ("ImageUrl.detail", "ImageDetail"),
        ("JsonSchemaResponseFormat.json_schema", "JsonSchemaDefinition"),
        (R + "stream_options", "ChatStreamOptions"),
        (R + "prediction", "ChatPrediction"),
    };

    public static IReadOnlyList<NormalizationRule> Rules { get; } = new NormalizationRule[]
    {
        new("bodies", RuleKind.Contract, "Name the request and response bodies.", c =>
        {
            foreach (var (location, name) in Bodies)
            {
                c.Hoist(c.Require(location), name);
                c.MoveBody(location, name);
            }
        }),

        new("names", RuleKind.Shaping, "Give the inline schemas of this table their names.", c =>
        {
            foreach (var (location, name) in Table)
            {
                var pointer = c.Target(location);
                if (pointer is null || c.Object(pointer).ContainsKey("$ref"))
                {
                    continue;
                }

                if (c.Schemas.ContainsKey(name))
                {
                    c.Reference(pointer, name);
                }
                else
                {
                    c.Hoist(pointer, name);
                }
            }
        }),
    };

    /// <summary>
    /// Every object schema still inline, and every request enum, gets the name of its owner and property, never a numbered
    /// one; a response enum has become a string by now (rule 'open-response-enums').
    /// </summary>
    public static NormalizationRule Inline { get; } = new("name-inline-schemas", RuleKind.Shaping,
        "Any object or enum schema still inline gets a name from its owner and property (ChatAudio + voice -> ChatAudioVoice).",
        c =>
        {
            bool hoisted;
            do
            {
                hoisted = false;
                foreach (var (name, _) in c.Schemas.ToList())
                {
                    var root = JsonPointer.Append("/components/schemas", name);
                    foreach (var (pointer, schema) in c.Walk(root, followReferences: false).ToList())
                    {
                        // A subtype's own allOf member is part of its definition, not an inline object.
                        var isOwnAllOf = pointer.StartsWith(root + "/allOf/", StringComparison.Ordinal) && pointer.IndexOf('/', root.Length + 7) < 0;
                        var isObject = schema["properties"] is JsonObject { Count: > 0 };
                        var isEnum = schema["enum"] is JsonArray && (string?)schema["type"] == "string";
                        if (pointer == root || isOwnAllOf || !(isObject || isEnum))
                        {
                            continue;
                        }

                        c.Hoist(pointer, Unique(c, InlineName(name, pointer.Substring(root.Length))));
                        hoisted = true;
                        break;
                    }

                    if (hoisted)
                    {
                        break;
                    }
                }
            }
            while (hoisted);
        });

    public static string Pascal(string snake) =>
        string.Concat(snake.Split(new[] { '_', '-', '.', ' ' }, StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w.Substring(1)));

    private static string InlineName(string owner, string relativePointer)
    {
        var name = new StringBuilder(owner);
        foreach (var token in JsonPointer.Split(relativePointer))
        {
            if (token is "properties" or "allOf" or "oneOf" or "anyOf" || int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            name.Append(token == "items" ? "Item" : token == "additionalProperties" ? "Value" : Pascal(token));
        }

        return name.ToString();
    }

    /// <summary>Owner plus property is unique but for a hand-picked name that happens to equal it: then it fails, naming both.</summary>
    private static string Unique(NormalizationContext c, string name) =>
        c.Schemas.ContainsKey(name) ? throw c.Fail(name, $"the inline schema's name '{name}' is already taken; give one of them a name in the names table") : name;
}
