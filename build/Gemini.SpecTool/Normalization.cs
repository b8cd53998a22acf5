using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Gemini.SpecTool;

/// <summary>
/// One step of the normalization. Each rule names the spec paths it works on; when one of them is missing
/// (the published spec moved on), normalization stops with the rule's name and the path instead of
/// generating something different.
/// </summary>
/// <param name="Name">A short stable name, shown in errors.</param>
/// <param name="Why">Why the rule exists.</param>
/// <param name="Apply">The transformation.</param>
public sealed record NormalizationRule(string Name, string Why, Action<NormalizationContext> Apply);

/// <summary>The spec being normalized, with helpers that fail loudly and name the current rule.</summary>
public sealed class NormalizationContext
{
    private const string SchemasPointer = "/components/schemas";

    public NormalizationContext(JsonObject document)
    {
        Document = document;
        var components = document["components"] as JsonObject ?? new JsonObject();
        document["components"] = components;
        Schemas = components["schemas"] as JsonObject ?? new JsonObject();
        components["schemas"] = Schemas;
    }

    public JsonObject Document { get; }

    /// <summary><c>components/schemas</c>, where every named type ends up.</summary>
    public JsonObject Schemas { get; }

    /// <summary>The rule being applied, named in every failure.</summary>
    public string RuleName { get; set; } = "(none)";

    /// <summary>Names of the types the generator must reference but not emit: the hand-written layer supplies them.</summary>
    public SortedSet<string> HandWrittenTypes { get; } = new(StringComparer.Ordinal);

    public SpecToolException Fail(string pointer, string problem) =>
        new(SpecToolException.Codes.Normalization,
            $"Normalization rule '{RuleName}' no longer fits the spec at '{pointer}': {problem}. " +
            "The published spec has moved on; review the change (dotnet build src/Gemini.Generated -t:UpdateSpec) " +
            "and update the rule in build/Gemini.SpecTool/SpecNormalizer.cs.");

    public bool Exists(string pointer) => JsonPointer.Find(Document, pointer) is not null;

    public JsonNode Node(string pointer) =>
        JsonPointer.Find(Document, pointer) ?? throw Fail(pointer, $"'{FirstMissing(pointer)}' does not exist");

    /// <summary>The shortest prefix of <paramref name="pointer"/> that is missing: the spec element that went away.</summary>
    public string FirstMissing(string pointer)
    {
        var prefix = string.Empty;
        foreach (var token in JsonPointer.Split(pointer))
        {
            prefix = JsonPointer.Append(prefix, token);
            if (JsonPointer.Find(Document, prefix) is null)
            {
                return prefix;
            }
        }

        return pointer;
    }

    public JsonObject Object(string pointer) =>
        Node(pointer) as JsonObject ?? throw Fail(pointer, "expected a JSON object");

    public JsonArray Array(string pointer) =>
        Node(pointer) as JsonArray ?? throw Fail(pointer, "expected a JSON array");

    /// <summary>The schema at <paramref name="pointer"/>, following a <c>$ref</c> to a named schema.</summary>
    public JsonObject Schema(string pointer) => Resolve(Object(pointer));

    public JsonObject Resolve(JsonObject schema)
    {
        var seen = 0;
        while (schema["$ref"] is JsonValue reference && seen++ < 16)
        {
            var target = (string)reference!;
            if (!target.StartsWith("#/", StringComparison.Ordinal))
            {
                throw Fail(target, "only local references are supported");
            }

            schema = Object(target.Substring(1));
        }

        return schema;
    }

    public void Remove(string pointer)
    {
        Node(pointer);
        JsonPointer.Remove(Document, pointer);
    }

    /// <summary>Moves the schema at <paramref name="pointer"/> into <c>components/schemas/<paramref name="name"/></c> and leaves a reference behind.</summary>
    public JsonObject Hoist(string pointer, string name)
    {
        var schema = Object(pointer);
        if (schema.ContainsKey("$ref"))
        {
            throw Fail(pointer, $"expected an inline schema to name '{name}', found a reference");
        }

        // Names come from the component keys; a title would compete with them.
        schema.Remove("title");
        Define(name, (JsonObject)schema.DeepClone(), pointer);
        JsonPointer.Replace(Document, pointer, Ref(name));
        return (JsonObject)Schemas[name]!;
    }

    /// <summary>Points the schema at <paramref name="pointer"/> to an existing named schema.</summary>
    public void Reference(string pointer, string name)
    {
        Node(pointer);
        JsonPointer.Replace(Document, pointer, Ref(name));
    }

    public void Define(string name, JsonObject schema, string origin)
    {
        if (Schemas.ContainsKey(name))
        {
            throw Fail(origin, $"the type name '{name}' is already taken");
        }

        Schemas[name] = schema;
    }

    /// <summary>Declares a type the generator references without emitting; the hand-written layer supplies it with its own converter.</summary>
    public void DefineHandWritten(string name, string description, string origin)
    {
        Define(name, new JsonObject
        {
            ["type"] = "object",
            ["description"] = description,
            ["additionalProperties"] = false,
            ["x-gemini-hand-written"] = true,
        }, origin);
        HandWrittenTypes.Add(name);
    }

    public static JsonObject Ref(string name) => new() { ["$ref"] = $"#{SchemasPointer}/{JsonPointer.Escape(name)}" };

    /// <summary>The single value of a one-value string enum, as used by the spec for <c>role</c> and <c>type</c> tags.</summary>
    public string SingleEnumValue(string pointer)
    {
        var schema = Object(pointer);
        if (schema["enum"] is not JsonArray values || values.Count != 1 || values[0] is not JsonValue value || !value.TryGetValue(out string? text))
        {
            throw Fail(pointer, "expected a string enum with exactly one value");
        }

        return text;
    }

    public IReadOnlyList<string> EnumValues(string pointer)
    {
        var schema = Object(pointer);
        if (schema["enum"] is not JsonArray values || values.Count == 0)
        {
            throw Fail(pointer, "expected a string enum");
        }

        return values.Select(v => v?.GetValue<string>() ?? "null").ToArray();
    }

    public void ExpectType(string pointer, params string[] types)
    {
        var type = (string?)Object(pointer)["type"];
        if (type is null || !types.Contains(type, StringComparer.Ordinal))
        {
            throw Fail(pointer, $"expected type {string.Join(" or ", types)}, found {type ?? "none"}");
        }
    }

    /// <summary>Pointers of the branches of a <c>oneOf</c>/<c>anyOf</c>.</summary>
    public IReadOnlyList<string> Branches(string pointer, string keyword)
    {
        var branches = Array(JsonPointer.Append(pointer, keyword));
        return Enumerable.Range(0, branches.Count).Select(i => $"{pointer}/{keyword}/{i}").ToArray();
    }

    /// <summary>Every schema position reachable from <paramref name="pointer"/>, following references into named schemas once each.</summary>
    public IEnumerable<(string Pointer, JsonObject Schema)> Walk(string pointer, bool followReferences = true)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        stack.Push(pointer);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (!visited.Add(current) || JsonPointer.Find(Document, current) is not JsonObject schema)
            {
                continue;
            }

            if (schema["$ref"] is JsonValue reference)
            {
                if (followReferences)
                {
                    stack.Push(((string)reference!).Substring(1));
                }

                continue;
            }

            yield return (current, schema);

            foreach (var child in ChildSchemas(current, schema).Reverse())
            {
                stack.Push(child);
            }
        }
    }

    public static IEnumerable<string> ChildSchemas(string pointer, JsonObject schema)
    {
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var property in properties)
            {
                yield return JsonPointer.Append(pointer + "/properties", property.Key);
            }
        }

        if (schema["items"] is JsonObject)
        {
            yield return pointer + "/items";
        }

        if (schema["additionalProperties"] is JsonObject)
        {
            yield return pointer + "/additionalProperties";
        }

        foreach (var keyword in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema[keyword] is JsonArray branches)
            {
                for (var i = 0; i < branches.Count; i++)
                {
                    yield return $"{pointer}/{keyword}/{i}";
                }
            }
        }
    }
}
