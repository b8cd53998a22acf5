using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Gemini.SpecTool;

/// <summary>Checks of the normalized document: whatever fell through the other rules fails here, naming where.</summary>
public static class Guards
{
    private static readonly Regex SnakeCase = new("^[a-z][a-z0-9]*(_[a-z0-9]+)*$", RegexOptions.CultureInvariant);

    /// <summary>Runs before anything names inline schemas, so that a new union is reported where the spec has it.</summary>
    public static NormalizationRule UnionsCovered { get; } = new("unions-covered", RuleKind.Guard,
        "NSwag keeps only the first branch of a oneOf/anyOf, or makes an empty class of it: every union must be in the unions table " +
        "(build/Gemini.SpecTool/Normalization/Unions.cs) or be a union of strings.",
        c =>
        {
            foreach (var (pointer, schema) in c.AllSchemas())
            {
                if (SchemaTree.UnionKeywords.FirstOrDefault(schema.ContainsKey) is { } keyword)
                {
                    throw c.Fail(Readable(pointer), $"no rule covers this {keyword} (a new union); add it to the unions table");
                }
            }
        });

    public static NormalizationRule[] Rules { get; } =
    {
        new("no-empty-class", RuleKind.Guard,
            "A named object schema with nothing in it becomes an empty class: a union or a type that lost its properties.",
            c =>
            {
                foreach (var (name, node) in c.Schemas)
                {
                    if (node is JsonObject schema && (string?)schema["type"] is null or "object" && schema["properties"] is not JsonObject { Count: > 0 }
                        && !schema.ContainsKey("allOf") && !schema.ContainsKey("enum") && schema["additionalProperties"] is not JsonObject
                        && schema["x-gemini-hand-written"] is null && schema["x-abstract"] is null)
                    {
                        throw c.Fail(name, $"the type '{name}' would be generated as an empty class");
                    }
                }
            }),

        new("property-names", RuleKind.Guard,
            "Property names are generated in PascalCase from snake_case wire names (build/templates/Class.liquid); any other shape needs a template change.",
            c =>
            {
                foreach (var (pointer, schema) in c.AllSchemas())
                {
                    foreach (var (name, _) in schema["properties"] as JsonObject ?? new JsonObject())
                    {
                        if (!SnakeCase.IsMatch(name))
                        {
                            throw c.Fail(Readable(JsonPointer.Append(pointer + "/properties", name)), $"the property name '{name}' is not snake_case");
                        }
                    }
                }
            }),

        new("references", RuleKind.Guard, "Every reference must point at a named schema.", c =>
        {
            foreach (var pointer in c.AllSchemas(followReferences: false).SelectMany(s => SchemaTree.Children(s.Pointer, s.Schema).Select(child => child.Pointer)))
            {
                if (JsonPointer.Find(c.Document, pointer) is JsonObject node && node["$ref"] is JsonValue reference && JsonPointer.Find(c.Document, ((string)reference!).Substring(1)) is null)
                {
                    throw c.Fail(Readable(pointer), $"the reference '{reference}' points nowhere");
                }
            }
        }),
    };

    /// <summary><c>/components/schemas/ChatAudio/properties/voice/anyOf/1</c> as <c>ChatAudio.voice (anyOf 1)</c>.</summary>
    public static string Readable(string pointer)
    {
        const string Prefix = "/components/schemas/";
        if (!pointer.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return pointer;
        }

        var tokens = JsonPointer.Split(pointer).Skip(2).ToList();
        var text = tokens[0];
        for (var i = 1; i < tokens.Count; i++)
        {
            text += tokens[i] switch
            {
                "properties" when i + 1 < tokens.Count => "." + tokens[++i],
                "items" => "[]",
                "additionalProperties" => "{*}",
                "oneOf" or "anyOf" or "allOf" when i + 1 < tokens.Count => $" ({tokens[i]} {tokens[++i]})",
                var other => "/" + other,
            };
        }

        return text;
    }
}
