using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Gemini.SpecTool;

/// <summary>The request: constraints the client checks before a billed call, the model, what is sent by default.</summary>
public static class RequestRules
{
    private const string R = SpecPaths.Request + " ";

    /// <summary>Names documented as "a-z, A-Z, 0-9, underscores and dashes, at most 64": they get that pattern, so the client can check it.</summary>
    public static IReadOnlyList<string> DocumentedNames { get; } = new[] { "JsonSchemaDefinition.name", "FunctionDefinition.name" };

    public static IReadOnlyList<NormalizationRule> Rules { get; } = new NormalizationRule[]
    {
        new("request-constraints", RuleKind.Shaping,
            "Constraints the spec states in prose, checked before a billed call: at least one message, a tool message answers " +
            "a call by a non-empty id, function and schema names follow the documented pattern.",
            c =>
            {
                if (c.Target(R + "messages") is { } messages)
                {
                    c.Object(messages)["minItems"] = 1;
                }

                if (c.Target("ToolMessage.tool_call_id") is { } toolCallId)
                {
                    c.Object(toolCallId)["minLength"] = 1;
                }

                foreach (var location in DocumentedNames)
                {
                    var pointer = c.Target(location);
                    if (pointer is null)
                    {
                        continue;
                    }

                    var schema = c.Object(pointer);
                    var description = (string?)schema["description"] ?? string.Empty;
                    if (!description.Contains("a-z, A-Z, 0-9", StringComparison.Ordinal) || !description.Contains("64", StringComparison.Ordinal))
                    {
                        c.Skip(location, "the documented name pattern (a-z, A-Z, 0-9, underscores and dashes, at most 64) is no longer in the description");
                        continue;
                    }

                    schema["pattern"] = "^[a-zA-Z0-9_-]+$";
                    schema["maxLength"] = 64;
                }
            }),

        new("uri-strings", RuleKind.Shaping,
            "A URL is an http(s) URL or a base64 data URI; as 'format: uri' it would become System.Uri, which rewrites or rejects large " +
            "data URIs (and a malformed one in a response would fail it). It stays a string.",
            c =>
            {
                foreach (var (_, schema) in c.AllSchemas())
                {
                    if ((string?)schema["type"] == "string" && (string?)schema["format"] is "uri" or "url")
                    {
                        schema.Remove("format");
                    }
                }
            }),

        new("model", RuleKind.Contract,
            "model is an enum with one value, which would stop the SDK from calling any other model id. It becomes a string that the " +
            "client fills with its default model when unset, so it is not required on the request object.",
            c =>
            {
                var model = c.Require(R + "model");
                var models = SchemaTree.EnumValues(c.Resolve(model));
                var description = models is null
                    ? (string?)c.Resolve(model)["description"] ?? "The model id."
                    : $"The model id. When unset, the client sends its default model ({string.Join(", ", models)}).";
                JsonPointer.Replace(c.Document, model, new JsonObject { ["type"] = "string", ["description"] = description });
                Schemas.RemoveRequired(c.Object(c.Require(SpecPaths.Request)), "model");
            }),

        new("stream-options", RuleKind.Contract,
            "include_usage becomes optional on the object (a bool?), so that the client can tell 'not set', which it sends as true, " +
            "from an explicit false.",
            c =>
            {
                c.Require(R + "stream_options.include_usage");
                Schemas.RemoveRequired(c.Resolve(c.Require(R + "stream_options")), "include_usage");
            }),

        new("request-defaults", RuleKind.Shaping,
            "Defaults in the request schema (stream: false) are documentation; generated as initializers they would be sent on every request. " +
            "Only what the caller sets is sent. One-value enums (a tool's type) become constants that are always sent.",
            c =>
            {
                var request = c.Require(SpecPaths.Request);
                foreach (var (_, schema) in c.Walk(request))
                {
                    if (schema[Unions.ConstantTag] is null)
                    {
                        schema.Remove("default");
                    }
                }

                foreach (var (_, schema) in c.Walk(request))
                {
                    if (schema["enum"] is JsonArray { Count: 1 } values && (string?)schema["type"] == "string")
                    {
                        schema.Remove("enum");
                        schema["default"] = values[0]!.DeepClone();
                    }
                }
            }),
    };
}
