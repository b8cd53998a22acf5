using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Gemini.SpecTool;

/// <summary>
/// Turns the published spec, where every schema is inline, into one NSwag can generate a usable SDK from:
/// stable type names, unions expressed as discriminated hierarchies or hand-written types, response
/// enums that keep unknown values, integer counts, and response types that accept what the service really sends.
/// </summary>
public static class SpecNormalizer
{
    // The operation the SDK calls, and the four schemas everything hangs off.
    private const string Operation = "/paths/~1v1~1chat~1completions/post";
    private const string Request = Operation + "/requestBody/content/application~1json/schema";
    private const string Completion = Operation + "/responses/200/content/application~1json/schema";
    private const string Chunk = Operation + "/responses/200/content/text~1event-stream/schema";

    private const string Messages = Request + "/properties/messages/items";
    private const string Choice = Completion + "/properties/choices/items";
    private const string Message = Choice + "/properties/message";
    private const string ChunkChoice = Chunk + "/properties/choices/items";
    private const string Delta = ChunkChoice + "/properties/delta";

    private static readonly Regex SnakeCase = new("^[a-z][a-z0-9]*(_[a-z0-9]+)*$", RegexOptions.CultureInvariant);

    /// <summary>The rules, in the order they run. Leaves are named before their parents so original paths stay valid.</summary>
    public static IReadOnlyList<NormalizationRule> Rules { get; } = new NormalizationRule[]
    {
        new("drop-duplicate-operation",
            "The same operation is also published at /chat/completions. Generating both doubles every type with a '2' suffix, " +
            "and the unversioned copy lacks 'provider'. The SDK calls /v1/chat/completions only.",
            c => c.Remove("/paths/~1chat~1completions")),

        new("operation-name",
            "The published operationId '_v1_chat_completions' would become the method name.",
            c =>
            {
                c.Object(Operation).TryGetPropertyValue("operationId", out var id);
                if (id is null)
                {
                    throw c.Fail(Operation + "/operationId", "the path does not exist");
                }

                c.Object(Operation)["operationId"] = "CreateChatCompletion";
            }),

        new("integer-counts",
            "Token counts, 'created', 'index' and 'max_tokens' are integers on the wire, but the spec types them 'number' (double); timestamps are 64-bit.",
            c =>
            {
                foreach (var pointer in new[]
                {
                    Completion + "/properties/created", Chunk + "/properties/created",
                    Message + "/properties/audio/properties/expires_at",
                })
                {
                    SetInteger(c, pointer, "int64");
                }

                foreach (var pointer in new[]
                {
                    Choice + "/properties/index", ChunkChoice + "/properties/index",
                    Delta + "/properties/tool_calls/items/properties/index",
                    Completion + "/properties/usage/properties/prompt_tokens",
                    Completion + "/properties/usage/properties/completion_tokens",
                    Completion + "/properties/usage/properties/total_tokens",
                    Request + "/properties/max_tokens",
                })
                {
                    SetInteger(c, pointer, "int32");
                }
            }),

        new("usage",
            "The completion and the chunk carry the same usage object; one type serves both.",
            c =>
            {
                c.Hoist(Completion + "/properties/usage/properties/completion_tokens_details", "CompletionTokensDetails");
                c.Hoist(Completion + "/properties/usage/properties/prompt_tokens_details", "PromptTokensDetails");
                c.Hoist(Completion + "/properties/usage", "CompletionUsage");
                c.Object(Chunk + "/properties/usage/properties/prompt_tokens");
                c.Reference(Chunk + "/properties/usage", "CompletionUsage");
            }),

        new("logprobs",
            "The completion and the chunk describe log probabilities twice, identically but for 'bytes' typed number in the chunk.",
            c =>
            {
                const string Logprobs = Choice + "/properties/logprobs";
                c.Hoist(Logprobs + "/properties/content/items/properties/top_logprobs/items", "TopLogprob");
                c.Hoist(Logprobs + "/properties/content/items", "TokenLogprob");
                c.Object(Logprobs + "/properties/refusal/items/properties/token");
                c.Reference(Logprobs + "/properties/refusal/items", "TokenLogprob");
                c.Hoist(Logprobs, "ChatLogprobs");
                c.Object(ChunkChoice + "/properties/logprobs/properties/content");
                c.Reference(ChunkChoice + "/properties/logprobs", "ChatLogprobs");
            }),

        new("tool-calls",
            "Response tool calls are a oneOf of 'function' and 'custom' calls, which NSwag collapses to the first branch. " +
            "One class with an open 'type' keeps every kind, and the same type goes back into an assistant message.",
            c =>
            {
                const string Items = Message + "/properties/tool_calls/items";
                var payloadNames = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["function"] = "FunctionCall",
                    ["custom"] = "CustomToolCall",
                };
                var merged = new JsonObject
                {
                    ["type"] = "object",
                    ["description"] = "A tool call generated by the model. 'type' says which payload is set: 'function' or 'custom'; other values are kept as sent.",
                    ["properties"] = new JsonObject
                    {
                        ["id"] = new JsonObject { ["type"] = "string", ["description"] = "The ID of the tool call." },
                        ["type"] = new JsonObject
                        {
                            ["type"] = "string",
                            ["default"] = "function",
                            ["description"] = "The type of the tool call: 'function' or 'custom'.",
                        },
                    },
                    ["required"] = new JsonArray("id", "type"),
                };
                foreach (var branch in c.Branches(Items, "oneOf"))
                {
                    var kind = c.SingleEnumValue(branch + "/properties/type");
                    if (!payloadNames.TryGetValue(kind, out var payloadName))
                    {
                        throw c.Fail(branch, $"a tool call of type '{kind}' has no type name here");
                    }

                    c.Object(branch + "/properties/id");
                    c.Hoist(JsonPointer.Append(branch + "/properties", kind), payloadName);
                    merged["properties"]![kind] = NormalizationContext.Ref(payloadName);
                }

                c.Define("ChatToolCall", merged, Items);
                c.Reference(Items, "ChatToolCall");

                const string AssistantCalls = "/tool_calls/items";
                var assistant = MessageVariant(c, "assistant");
                c.Object(assistant + "/properties" + AssistantCalls + "/properties/function");
                c.Reference(assistant + "/properties" + AssistantCalls, "ChatToolCall");

                c.Object(Delta + "/properties/tool_calls/items/properties/function");
                c.Reference(Delta + "/properties/tool_calls/items/properties/function", "FunctionCall");
                c.Hoist(Delta + "/properties/tool_calls/items", "ChatToolCallDelta");
            }),

        new("message-extras",
            "Inline annotation and audio objects of the response message need names.",
            c =>
            {
                c.Hoist(Message + "/properties/annotations/items/properties/url_citation", "UrlCitation");
                c.Hoist(Message + "/properties/annotations/items", "ChatAnnotation");
                c.Hoist(Message + "/properties/audio", "ChatAudio");
            }),

        new("finish-reason",
            "finish_reason is a closed enum in the spec (and a different one in the chunk); providers behind the gateway send " +
            "other values. The hand-written FinishReason keeps any value.",
            c =>
            {
                var known = c.EnumValues(Choice + "/properties/finish_reason")
                    .Concat(c.EnumValues(ChunkChoice + "/properties/finish_reason"))
                    .Distinct(StringComparer.Ordinal);
                c.DefineHandWritten("FinishReason",
                    $"Why the model stopped. Known values: {string.Join(", ", known)}; any other value is kept as sent.",
                    Choice + "/properties/finish_reason");
                c.Reference(Choice + "/properties/finish_reason", "FinishReason");
                c.Reference(ChunkChoice + "/properties/finish_reason", "FinishReason");
            }),

        new("chat-role",
            "The message role is a free string in the completion and a closed enum in the chunk. The hand-written ChatRole keeps any value.",
            c =>
            {
                c.ExpectType(Message + "/properties/role", "string");
                var known = c.EnumValues(Delta + "/properties/role");
                c.DefineHandWritten("ChatRole",
                    $"The role of a message's author. Known values: {string.Join(", ", known)}; any other value is kept as sent.",
                    Message + "/properties/role");
                c.Reference(Message + "/properties/role", "ChatRole");
                c.Reference(Delta + "/properties/role", "ChatRole");
            }),

        new("cost",
            "The service reports credits and USD in 'meta.usage'. Money is decimal, not double. The stream's final chunk carries " +
            "the same 'meta', although the chunk schema omits it.",
            c =>
            {
                const string Meta = Completion + "/properties/meta";
                SetDecimal(c, Meta + "/properties/usage/properties/credits_used");
                SetDecimal(c, Meta + "/properties/usage/properties/usd_spent");
                c.Hoist(Meta + "/properties/usage", "BillingUsage");
                c.Hoist(Meta, "ChatCompletionMeta");
                var chunkProperties = c.Object(Chunk + "/properties");
                chunkProperties["meta"] = NormalizationContext.Ref("ChatCompletionMeta");
            }),

        new("response-types",
            "Name the response's inline schemas.",
            c =>
            {
                c.Hoist(Message, "ChatCompletionMessage");
                c.Hoist(Choice, "ChatChoice");
                c.Hoist(Delta, "ChatMessageDelta");
                c.Hoist(ChunkChoice, "ChatChunkChoice");
            }),

        new("content-parts",
            "Message content is anyOf string or an array of parts, which NSwag collapses to an empty class. Parts become a " +
            "hierarchy discriminated by 'type'; the string-or-parts union is the hand-written ChatMessageContent.",
            c =>
            {
                var partNames = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["text"] = "TextContentPart",
                    ["image_url"] = "ImageContentPart",
                    ["refusal"] = "RefusalContentPart",
                };

                var contents = new[] { "user", "system", "assistant" }
                    .Select(role => MessageVariant(c, role) + "/properties/content")
                    .Append(Request + "/properties/prediction/properties/content")
                    .ToArray();

                var parts = new List<(string Type, string Pointer)>();
                foreach (var content in contents)
                {
                    var branches = c.Branches(content, "anyOf");
                    var text = branches.SingleOrDefault(b => (string?)c.Object(b)["type"] == "string")
                        ?? throw c.Fail(content, "expected a string branch");
                    var array = branches.SingleOrDefault(b => (string?)c.Object(b)["type"] == "array")
                        ?? throw c.Fail(content, "expected an array-of-parts branch");
                    var items = array + "/items";
                    var partPointers = c.Object(items).ContainsKey("anyOf") ? c.Branches(items, "anyOf") : new[] { items };
                    parts.AddRange(partPointers.Select(p => (c.SingleEnumValue(p + "/properties/type"), p)));
                }

                if (!parts.Any(p => p.Type == "image_url"))
                {
                    throw c.Fail(contents[0], "expected an image_url part");
                }

                var image = parts.First(p => p.Type == "image_url").Pointer + "/properties/image_url";
                // The url is an http(s) URL or a base64 data URI; as 'format: uri' it would become System.Uri, which rewrites or rejects large data URIs.
                c.Object(image + "/properties/url").Remove("format");
                c.Hoist(image + "/properties/detail", "ImageDetail");
                c.Hoist(image, "ImageUrl");
                DefineHierarchy(c, "ChatContentPart", "type",
                    "A part of a message's content: text, an image, or a refusal.",
                    parts.GroupBy(p => p.Type, StringComparer.Ordinal).Select(g => (g.Key, c.Object(g.First().Pointer), g.First().Pointer)), partNames);

                c.DefineHandWritten("ChatMessageContent",
                    "Message content: a string, or a list of parts (ChatContentPart). Serialized as the API expects: a JSON string or an array.",
                    contents[0]);
                foreach (var content in contents)
                {
                    c.Reference(content, "ChatMessageContent");
                }
            }),

        new("message-roles",
            "messages items are a oneOf of role-tagged objects without a discriminator, which NSwag collapses to user messages only. " +
            "They become ChatMessage with one subclass per role. The API also accepts role 'developer' (the chunk's role enum lists it) " +
            "with the system message's shape.",
            c =>
            {
                var names = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["system"] = "SystemMessage",
                    ["developer"] = "DeveloperMessage",
                    ["user"] = "UserMessage",
                    ["assistant"] = "AssistantMessage",
                    ["tool"] = "ToolMessage",
                };
                // A tool message answers a call by its id; an empty id answers none.
                c.Object(MessageVariant(c, "tool") + "/properties/tool_call_id")["minLength"] = 1;
                var variants = c.Branches(Messages, "oneOf")
                    .Select(b => (Tag: c.SingleEnumValue(b + "/properties/role"), Schema: c.Object(b), Origin: b))
                    .ToList();
                if (!variants.Any(v => v.Tag == "developer"))
                {
                    var system = variants.FirstOrDefault(v => v.Tag == "system");
                    if (system.Schema is null)
                    {
                        throw c.Fail(Messages + "/oneOf", "expected a system message variant to derive the developer message from");
                    }

                    var developer = (JsonObject)system.Schema.DeepClone();
                    developer["description"] = "Developer-provided instructions that the model should follow, in place of system messages.";
                    variants.Add(("developer", developer, system.Origin));
                }

                DefineHierarchy(c, "ChatMessage", "role",
                    "A message of the conversation. Create one with ChatMessage.System, .Developer, .User, .Assistant or .Tool.",
                    variants, names);
                c.Reference(Messages, "ChatMessage");
                c.Object(Request + "/properties/messages")["minItems"] = 1;
            }),

        new("stop",
            "stop is anyOf string, array or null, which NSwag turns into an empty class. The hand-written StopSequences serializes either form.",
            c =>
            {
                c.Branches(Request + "/properties/stop", "anyOf");
                c.DefineHandWritten("StopSequences",
                    "Up to 4 sequences where the API stops generating: one string, or a list. Serialized as a JSON string or array.",
                    Request + "/properties/stop");
                c.Reference(Request + "/properties/stop", "StopSequences");
            }),

        new("tool-choice",
            "tool_choice is anyOf a mode string or a named function, which NSwag turns into an empty class. The hand-written ToolChoice serializes either form.",
            c =>
            {
                const string ToolChoice = Request + "/properties/tool_choice";
                var branches = c.Branches(ToolChoice, "anyOf");
                var mode = branches.FirstOrDefault(b => (string?)c.Object(b)["type"] == "string")
                    ?? throw c.Fail(ToolChoice, "expected a mode string branch");
                var modes = c.EnumValues(mode);
                var named = branches.FirstOrDefault(b => (string?)c.Object(b)["type"] == "object")
                    ?? throw c.Fail(ToolChoice, "expected a named-function branch");
                c.Object(named + "/properties/function/properties/name");
                c.DefineHandWritten("ToolChoice",
                    $"Which tool the model calls: a mode ({string.Join(", ", modes)}) or a named function.",
                    ToolChoice);
                c.Reference(ToolChoice, "ToolChoice");
            }),

        new("response-format",
            "response_format is a oneOf of type-tagged objects, which NSwag collapses to the first. It becomes ResponseFormat with one subclass per type.",
            c =>
            {
                const string Format = Request + "/properties/response_format";
                var names = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["text"] = "TextResponseFormat",
                    ["json_object"] = "JsonObjectResponseFormat",
                    ["json_schema"] = "JsonSchemaResponseFormat",
                };
                var variants = c.Branches(Format, "oneOf")
                    .Select(b => (Tag: c.SingleEnumValue(b + "/properties/type"), Origin: b))
                    .ToList();
                var jsonSchema = variants.FirstOrDefault(v => v.Tag == "json_schema").Origin
                    ?? throw c.Fail(Format, "expected a json_schema variant");
                RequireDocumentedNamePattern(c, jsonSchema + "/properties/json_schema/properties/name");
                c.Hoist(jsonSchema + "/properties/json_schema", "JsonSchemaDefinition");
                DefineHierarchy(c, "ResponseFormat", "type",
                    "The format the model must output: text, a JSON object, or JSON that follows a schema.",
                    variants.Select(v => (v.Tag, c.Object(v.Origin), v.Origin)), names);
                c.Reference(Format, "ResponseFormat");
            }),

        new("tools",
            "Name the tool definition types; function names follow a documented pattern worth checking before a billed call.",
            c =>
            {
                const string Tool = Request + "/properties/tools/items";
                RequireDocumentedNamePattern(c, Tool + "/properties/function/properties/name");
                c.Hoist(Tool + "/properties/function", "FunctionDefinition");
                c.Hoist(Tool, "ChatTool");
            }),

        new("request-parts",
            "Name the remaining inline request objects. include_usage becomes optional on the object (a bool?), so that the client " +
            "can tell 'not set', which it sends as true, from an explicit false.",
            c =>
            {
                c.Object(Request + "/properties/stream_options/properties/include_usage");
                RemoveRequired(c.Object(Request + "/properties/stream_options"), "include_usage");
                c.Hoist(Request + "/properties/stream_options", "ChatStreamOptions");
                c.Hoist(Request + "/properties/prediction", "ChatPrediction");
            }),

        new("model",
            "model is an enum with one value, which would stop the SDK from calling any other model id. It becomes a string that the " +
            "client fills with its default model when unset, so it is not required on the request object.",
            c =>
            {
                const string Model = Request + "/properties/model";
                var models = c.EnumValues(Model);
                c.Object(Request)["properties"]!["model"] = new JsonObject
                {
                    ["type"] = "string",
                    ["description"] = $"The model id. When unset, the client sends its default model ({string.Join(", ", models)}).",
                };
                RemoveRequired(c.Object(Request), "model");
            }),

        new("request-defaults",
            "Defaults in the request schema (stream: false) are documentation; generated as initializers they would be sent on every request. " +
            "Only what the caller sets is sent. One-value enums (a tool's type) become constants that are always sent.",
            c =>
            {
                foreach (var (_, schema) in c.Walk(Request))
                {
                    schema.Remove("default");
                }

                foreach (var (_, schema) in c.Walk(Request))
                {
                    if (schema["enum"] is JsonArray { Count: 1 } values && (string?)schema["type"] == "string")
                    {
                        schema.Remove("enum");
                        schema["default"] = values[0]!.DeepClone();
                    }
                }
            }),

        new("bodies",
            "Name the request and response bodies.",
            c =>
            {
                c.Hoist(Request, "ChatCompletionRequest");
                c.Hoist(Completion, "ChatCompletion");
                c.Hoist(Chunk, "ChatCompletionChunk");
            }),

        new("open-response-enums",
            "Response enums other than finish_reason and role ('object', 'service_tier', tool and annotation types) become strings: " +
            "a value the spec does not list must not fail deserialization.",
            c =>
            {
                foreach (var (_, schema) in ResponseSchemas(c))
                {
                    if (schema["enum"] is JsonArray values && (string?)schema["type"] == "string")
                    {
                        var known = string.Join(", ", values.Select(v => v?.ToString() ?? "null"));
                        schema.Remove("enum");
                        var description = (string?)schema["description"];
                        schema["description"] = string.IsNullOrEmpty(description) ? $"Known values: {known}." : $"{description} Known values: {known}.";
                    }
                }
            }),

        new("relaxed-responses",
            "Real responses omit fields the spec marks required, or send null (stream chunks omit 'role' and 'content' after the first). " +
            "Response types accept a missing or null field and keep it as null.",
            c =>
            {
                foreach (var (_, schema) in ResponseSchemas(c))
                {
                    schema.Remove("required");
                }
            }),

        new("open-objects",
            "Unknown fields are kept in AdditionalProperties on every type; 'additionalProperties: false' would drop them.",
            c =>
            {
                foreach (var (_, schema) in AllSchemas(c))
                {
                    if (schema["additionalProperties"] is JsonValue value && value.TryGetValue(out bool allowed) && !allowed && schema["x-gemini-hand-written"] is null)
                    {
                        schema.Remove("additionalProperties");
                    }
                }
            }),

        new("name-inline-objects",
            "Any object schema still inline gets a name from its owner and property (ChatAudio -> owner + 'Property'), never a numbered one.",
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
                            if (pointer == root || isOwnAllOf || schema["properties"] is not JsonObject { Count: > 0 })
                            {
                                continue;
                            }

                            c.Hoist(pointer, InlineName(name, pointer.Substring(root.Length)));
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
            }),

        new("property-names",
            "Property names are generated in PascalCase from snake_case wire names (build/templates/Class.liquid); any other shape needs a template change.",
            c =>
            {
                foreach (var (pointer, schema) in AllSchemas(c))
                {
                    if (schema["properties"] is JsonObject properties)
                    {
                        foreach (var (name, _) in properties)
                        {
                            if (!SnakeCase.IsMatch(name))
                            {
                                throw c.Fail(JsonPointer.Append(pointer + "/properties", name), $"the property name '{name}' is not snake_case");
                            }
                        }
                    }
                }
            }),

        new("references",
            "Every reference must point at a named schema.",
            c =>
            {
                foreach (var (pointer, schema) in AllSchemas(c, followReferences: false, includeReferences: true))
                {
                    if (schema["$ref"] is JsonValue reference && JsonPointer.Find(c.Document, ((string)reference!).Substring(1)) is null)
                    {
                        throw c.Fail(pointer, $"the reference '{reference}' points nowhere");
                    }
                }
            }),
    };

    /// <summary>Normalizes a spec document in place and returns the names of the hand-written types NSwag must not emit.</summary>
    public static NormalizationResult Normalize(JsonObject document)
    {
        var context = new NormalizationContext(document);
        foreach (var rule in Rules)
        {
            context.RuleName = rule.Name;
            rule.Apply(context);
        }

        context.RuleName = "(done)";
        return new NormalizationResult(document, context.HandWrittenTypes.ToArray(), context.Schemas.Select(s => s.Key).OrderBy(n => n, StringComparer.Ordinal).ToArray());
    }

    private static string MessageVariant(NormalizationContext c, string role)
    {
        foreach (var branch in c.Branches(Messages, "oneOf"))
        {
            if (c.SingleEnumValue(branch + "/properties/role") == role)
            {
                return branch;
            }
        }

        throw c.Fail(Messages + "/oneOf", $"expected a message variant with role '{role}'");
    }

    /// <summary>
    /// Expresses a tagged union as NSwag understands it: an abstract base with a discriminator and mapping, and one
    /// subtype per tag that is the variant without its tag property.
    /// </summary>
    private static void DefineHierarchy(NormalizationContext c, string baseName, string tag, string description,
        IEnumerable<(string Tag, JsonObject Schema, string Origin)> variants, IReadOnlyDictionary<string, string> names)
    {
        var mapping = new JsonObject();
        variants = variants.ToList();
        c.Define(baseName, new JsonObject
        {
            ["type"] = "object",
            ["description"] = description,
            ["x-abstract"] = true,
            ["discriminator"] = new JsonObject { ["propertyName"] = tag, ["mapping"] = mapping },
            ["properties"] = new JsonObject { [tag] = new JsonObject { ["type"] = "string" } },
            ["required"] = new JsonArray(tag),
        }, variants.First().Origin);

        foreach (var (value, schema, pointer) in variants)
        {
            if (!names.TryGetValue(value, out var name))
            {
                throw c.Fail(pointer, $"the {tag} '{value}' has no type name here");
            }

            var variant = (JsonObject)schema.DeepClone();
            ((JsonObject)variant["properties"]!).Remove(tag);
            RemoveRequired(variant, tag);
            variant.Remove("title");
            c.Define(name, new JsonObject
            {
                ["description"] = (string?)variant["description"],
                ["allOf"] = new JsonArray(NormalizationContext.Ref(baseName), variant),
            }, pointer);
            variant.Remove("description");
            mapping[value] = $"#/components/schemas/{name}";
        }
    }

    private static void RemoveRequired(JsonObject schema, string property)
    {
        if (schema["required"] is JsonArray required)
        {
            foreach (var item in required.Where(r => (string?)r == property).ToList())
            {
                required.Remove(item);
            }

            if (required.Count == 0)
            {
                schema.Remove("required");
            }
        }
    }

    private static void SetInteger(NormalizationContext c, string pointer, string format)
    {
        c.ExpectType(pointer, "number", "integer");
        var schema = c.Object(pointer);
        schema["type"] = "integer";
        schema["format"] = format;
    }

    private static void SetDecimal(NormalizationContext c, string pointer)
    {
        c.ExpectType(pointer, "number", "integer");
        var schema = c.Object(pointer);
        schema["type"] = "number";
        schema["format"] = "decimal";
    }

    /// <summary>Names documented as "a-z, A-Z, 0-9, underscores and dashes, at most 64" get that pattern, so the client can check it.</summary>
    private static void RequireDocumentedNamePattern(NormalizationContext c, string pointer)
    {
        var schema = c.Object(pointer);
        var description = (string?)schema["description"] ?? string.Empty;
        if (!description.Contains("a-z, A-Z, 0-9", StringComparison.Ordinal) || !description.Contains("64", StringComparison.Ordinal))
        {
            throw c.Fail(pointer, "the documented name pattern (a-z, A-Z, 0-9, underscores and dashes, at most 64) is no longer in the description");
        }

        schema["pattern"] = "^[a-zA-Z0-9_-]+$";
        schema["maxLength"] = 64;
    }

    private static IEnumerable<(string Pointer, JsonObject Schema)> ResponseSchemas(NormalizationContext c) =>
        c.Walk(Completion).Concat(c.Walk(Chunk));

    private static IEnumerable<(string Pointer, JsonObject Schema)> AllSchemas(NormalizationContext c, bool followReferences = true, bool includeReferences = false)
    {
        var roots = c.Schemas.Select(s => JsonPointer.Append("/components/schemas", s.Key)).ToList();
        roots.Add(Operation + "/requestBody/content/application~1json/schema");
        roots.Add(Operation + "/responses/200/content/application~1json/schema");
        roots.Add(Operation + "/responses/200/content/text~1event-stream/schema");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            if (includeReferences)
            {
                foreach (var item in WalkIncludingReferences(c, root))
                {
                    if (seen.Add(item.Pointer))
                    {
                        yield return item;
                    }
                }

                continue;
            }

            foreach (var item in c.Walk(root, followReferences))
            {
                if (seen.Add(item.Pointer))
                {
                    yield return item;
                }
            }
        }
    }

    private static IEnumerable<(string Pointer, JsonObject Schema)> WalkIncludingReferences(NormalizationContext c, string root)
    {
        var stack = new Stack<string>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var pointer = stack.Pop();
            if (JsonPointer.Find(c.Document, pointer) is not JsonObject schema)
            {
                continue;
            }

            yield return (pointer, schema);
            foreach (var child in NormalizationContext.ChildSchemas(pointer, schema))
            {
                stack.Push(child);
            }
        }
    }

    private static string InlineName(string owner, string relativePointer)
    {
        var name = new StringBuilder(owner);
        foreach (var token in JsonPointer.Split(relativePointer))
        {
            if (token is "properties" or "allOf" or "oneOf" or "anyOf" || int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            name.Append(token == "items" ? "Item" : Pascal(token));
        }

        return name.ToString();
    }

    public static string Pascal(string snake) =>
        string.Concat(snake.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w.Substring(1)));
}

/// <summary>The normalized document, the hand-written type names NSwag must not emit, and every named type.</summary>
public sealed record NormalizationResult(JsonObject Document, IReadOnlyList<string> HandWrittenTypes, IReadOnlyList<string> TypeNames);
