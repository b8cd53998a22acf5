using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Gemini.SpecTool;

/// <summary>The responses: integer counts, decimal money, and types that accept what the service really sends.</summary>
public static class ResponseRules
{
    private const string R = SpecPaths.Request + " ";
    private const string C = SpecPaths.Completion + " ";
    private const string S = SpecPaths.Chunk + " ";

    /// <summary>
    /// Location → number format. Token counts, 'created', 'index' and 'max_tokens' are integers on the wire, but the spec types
    /// them 'number' (double); timestamps are 64-bit; money is decimal, not double.
    /// </summary>
    public static IReadOnlyList<(string Location, string Type, string Format)> NumberFormats { get; } = new[]
    {
        (C + "created", "integer", "int64"),
        (S + "created", "integer", "int64"),
        (C + "choices[].message.audio.expires_at", "integer", "int64"),
        (C + "choices[].index", "integer", "int32"),
        (S + "choices[].index", "integer", "int32"),
        (S + "choices[].delta.tool_calls[].index", "integer", "int32"),
        (C + "usage.prompt_tokens", "integer", "int32"),
        (C + "usage.completion_tokens", "integer", "int32"),
        (C + "usage.total_tokens", "integer", "int32"),
        (R + "max_tokens", "integer", "int32"),
        (C + "meta.usage.credits_used", "number", "decimal"),
        (C + "meta.usage.usd_spent", "number", "decimal"),
    };

    public static IReadOnlyList<NormalizationRule> Rules { get; } = new NormalizationRule[]
    {
        new("number-formats", RuleKind.Shaping, "Integer counts and timestamps, decimal money (the table above).", c =>
        {
            foreach (var (location, type, format) in NumberFormats)
            {
                var pointer = c.Target(location);
                if (pointer is null)
                {
                    continue;
                }

                var schema = c.Object(pointer);
                if ((string?)schema["type"] is not ("number" or "integer"))
                {
                    c.Skip(location, $"expected a number, found {SchemaTree.TypeOf(schema)}");
                    continue;
                }

                schema["type"] = type;
                schema["format"] = format;
            }
        }),

        new("chunk-meta", RuleKind.Contract,
            "The stream's final chunk carries the completion's 'meta' (the cost), although the chunk schema omits it.",
            c =>
            {
                var chunk = c.Resolve(c.Require(SpecPaths.Chunk));
                if (chunk["properties"]?["meta"] is null)
                {
                    chunk["properties"]!["meta"] = NormalizationContext.Ref("ChatCompletionMeta");
                }
            }),

        new("open-response-enums", RuleKind.Shaping,
            "Response enums other than finish_reason and role ('object', 'service_tier', tool and annotation types) become strings: " +
            "a value the spec does not list must not fail deserialization.",
            c =>
            {
                foreach (var (_, schema) in ResponseSchemas(c))
                {
                    Schemas.OpenEnum(schema);
                }
            }),

        new("relaxed-responses", RuleKind.Shaping,
            "Real responses omit fields the spec marks required, or send null (stream chunks omit 'role' and 'content' after the first). " +
            "Response types accept a missing or null field and keep it as null.",
            c =>
            {
                foreach (var (_, schema) in ResponseSchemas(c))
                {
                    schema.Remove("required");
                }
            }),
    };

    private static IEnumerable<(string Pointer, JsonObject Schema)> ResponseSchemas(NormalizationContext c) =>
        c.Walk(c.Require(SpecPaths.Completion)).Concat(c.Walk(c.Require(SpecPaths.Chunk)));
}
