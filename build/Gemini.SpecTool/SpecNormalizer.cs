using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Gemini.SpecTool;

/// <summary>
/// Turns the published spec, where every schema is inline, into one NSwag can generate a usable SDK from: stable type names,
/// unions expressed as discriminated hierarchies or hand-written types, response enums that keep unknown values, integer
/// counts, and response types that accept what the service really sends. The rules are tables where they are many and alike
/// (<see cref="Contracts"/>, <see cref="Names"/>, <see cref="Unions"/>, <see cref="ResponseRules.NumberFormats"/>); each rule
/// says whether a target that went away is skipped with a warning (<see cref="RuleKind.Shaping"/>) or fails
/// (<see cref="RuleKind.Contract"/>, <see cref="RuleKind.Guard"/>).
/// </summary>
public static class SpecNormalizer
{
    /// <summary>The rules, in the order they run.</summary>
    public static IReadOnlyList<NormalizationRule> Rules { get; } = new[]
        {
            new NormalizationRule("contracts", RuleKind.Contract,
                "What the hand-written code relies on must be in the spec (build/Gemini.SpecTool/Normalization/Contracts.cs).",
                Contracts.Check),

            new NormalizationRule("drop-duplicate-operation", RuleKind.Shaping,
                "The same operation is also published at /chat/completions. Generating both doubles every type with a '2' suffix, " +
                "and the unversioned copy lacks 'provider'. The SDK calls /v1/chat/completions only.",
                c =>
                {
                    if (c.Document["paths"]?[JsonPointer.Unescape(SpecPaths.DuplicatePath.Substring("/paths/".Length))] is null)
                    {
                        c.Skip("POST /chat/completions", "not in the spec");
                        return;
                    }

                    JsonPointer.Remove(c.Document, SpecPaths.DuplicatePath);
                }),

            new NormalizationRule("operation-name", RuleKind.Contract,
                "The published operationId '_v1_chat_completions' would become the method name; the hand-written client calls CreateChatCompletionAsync.",
                c => c.Object(SpecPaths.Operation)["operationId"] = "CreateChatCompletion"),
        }
        .Concat(Names.Rules.Take(1))
        .Concat(Unions.Rules)
        .Concat(Names.Rules.Skip(1))
        .Concat(RequestRules.Rules)
        .Concat(ResponseRules.Rules)
        .Append(StringUnions.Rule)
        .Append(Guards.UnionsCovered)
        .Append(new NormalizationRule("open-objects", RuleKind.Shaping,
            "Unknown fields are kept in AdditionalProperties on every type; 'additionalProperties: false' would drop them.",
            c =>
            {
                foreach (var (_, schema) in c.AllSchemas())
                {
                    if (schema["additionalProperties"] is JsonValue value && value.TryGetValue(out bool allowed) && !allowed && schema["x-gemini-hand-written"] is null)
                    {
                        schema.Remove("additionalProperties");
                    }
                }
            }))
        .Append(Names.Inline)
        .Append(Docs.Rule)
        .Concat(Guards.Rules)
        .ToArray();

    /// <summary>Normalizes a spec document in place.</summary>
    public static NormalizationResult Normalize(JsonObject document)
    {
        var context = new NormalizationContext(document);
        foreach (var rule in Rules)
        {
            context.Rule = rule;
            rule.Apply(context);
        }

        return new NormalizationResult(document, context.HandWrittenTypes.ToArray(),
            context.Schemas.Select(s => s.Key).OrderBy(n => n, StringComparer.Ordinal).ToArray(), context.Warnings);
    }
}

/// <summary>Edits of schema objects several rules make.</summary>
public static class Schemas
{
    public static void RemoveRequired(JsonObject schema, string property)
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

    /// <summary>A string enum becomes a string that keeps any value; the known values go into the description.</summary>
    public static void OpenEnum(JsonObject schema)
    {
        if (schema["enum"] is JsonArray values && (string?)schema["type"] == "string")
        {
            var known = string.Join(", ", values.Select(v => v?.ToString() ?? "null"));
            schema.Remove("enum");
            var description = (string?)schema["description"];
            schema["description"] = string.IsNullOrEmpty(description) ? $"Known values: {known}." : $"{description} Known values: {known}.";
        }
    }
}

/// <summary>The normalized document, the hand-written type names NSwag must not emit, every named type, and what shaping rules skipped.</summary>
public sealed record NormalizationResult(JsonObject Document, IReadOnlyList<string> HandWrittenTypes, IReadOnlyList<string> TypeNames, IReadOnlyList<NormalizationWarning> Warnings);
