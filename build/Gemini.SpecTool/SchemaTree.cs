using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Gemini.SpecTool;

/// <summary>How a child schema hangs off its parent.</summary>
public enum SchemaEdge
{
    Property,
    Items,
    Values,
    OneOf,
    AnyOf,
    AllOf,
}

/// <summary>A child schema position: its pointer, how it hangs off its parent, and the property name or branch index.</summary>
public readonly record struct SchemaChild(string Pointer, SchemaEdge Edge, string Name, int Index);

/// <summary>
/// The one walker and resolver over OpenAPI schema trees, shared by the normalizer, the surface (and so the diff) and the
/// contract check: which children a schema has, how a local <c>$ref</c> resolves, and what a schema is in a few words.
/// </summary>
public static class SchemaTree
{
    private const int MaxReferenceHops = 16;

    public static readonly string[] UnionKeywords = { "oneOf", "anyOf" };

    /// <summary>Follows local <c>$ref</c>s to the schema they name; a reference that points nowhere is returned as it is.</summary>
    public static JsonObject Resolve(JsonObject document, JsonObject schema)
    {
        for (var i = 0; i < MaxReferenceHops; i++)
        {
            var target = (string?)(schema["$ref"] as JsonValue);
            var resolved = target?.StartsWith("#/", StringComparison.Ordinal) == true ? JsonPointer.Find(document, target.Substring(1)) as JsonObject : null;
            if (resolved is null)
            {
                break;
            }

            schema = resolved;
        }

        return schema;
    }

    /// <summary>The schema positions directly below <paramref name="schema"/>: properties, items, additionalProperties, union branches.</summary>
    public static IEnumerable<SchemaChild> Children(string pointer, JsonObject schema)
    {
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var property in properties)
            {
                yield return new SchemaChild(JsonPointer.Append(pointer + "/properties", property.Key), SchemaEdge.Property, property.Key, -1);
            }
        }

        if (schema["items"] is JsonObject)
        {
            yield return new SchemaChild(pointer + "/items", SchemaEdge.Items, "items", -1);
        }

        if (schema["additionalProperties"] is JsonObject)
        {
            yield return new SchemaChild(pointer + "/additionalProperties", SchemaEdge.Values, "additionalProperties", -1);
        }

        foreach (var (keyword, edge) in new[] { ("oneOf", SchemaEdge.OneOf), ("anyOf", SchemaEdge.AnyOf), ("allOf", SchemaEdge.AllOf) })
        {
            if (schema[keyword] is JsonArray branches)
            {
                for (var i = 0; i < branches.Count; i++)
                {
                    yield return new SchemaChild($"{pointer}/{keyword}/{i}", edge, keyword, i);
                }
            }
        }
    }

    /// <summary>
    /// Every schema position reachable from <paramref name="pointer"/>, parents first; references, and a hierarchy's mapping to
    /// its subtypes, are followed into named schemas once each.
    /// </summary>
    public static IEnumerable<(string Pointer, JsonObject Schema)> Walk(JsonObject document, string pointer, bool followReferences = true)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        stack.Push(pointer);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            var schema = visited.Add(current) ? JsonPointer.Find(document, current) as JsonObject : null;
            if (schema is null)
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
            if (followReferences && schema["discriminator"]?["mapping"] is JsonObject mapping)
            {
                // The subtypes of a hierarchy are reached from their base only through the mapping.
                foreach (var (_, target) in mapping.Reverse())
                {
                    if ((string?)target is { } subtype && subtype.StartsWith("#/", StringComparison.Ordinal))
                    {
                        stack.Push(subtype.Substring(1));
                    }
                }
            }

            foreach (var child in Children(current, schema).Reverse())
            {
                stack.Push(child.Pointer);
            }
        }
    }

    /// <summary>The type in a word or two: <c>string</c>, <c>integer (int64)</c>, <c>object</c>, or <c>any</c>.</summary>
    public static string TypeOf(JsonObject schema)
    {
        var type = (string?)schema["type"] ?? (schema["properties"] is not null ? "object" : "any");
        var format = (string?)schema["format"];
        return format is null ? type : $"{type} ({format})";
    }

    public static bool IsNullable(JsonObject schema) => schema["nullable"] is JsonValue value && value.TryGetValue(out bool nullable) && nullable;

    /// <summary>The values of an <c>enum</c>, as text; null when the schema is not an enum.</summary>
    public static IReadOnlyList<string>? EnumValues(JsonObject schema) =>
        schema["enum"] is JsonArray values ? values.Select(v => v?.ToString() ?? "null").ToArray() : null;

    /// <summary>The single value of a one-value string enum, the way the spec tags union branches (<c>role</c>, <c>type</c>); else null.</summary>
    public static string? Tag(JsonObject document, JsonObject schema, string property) =>
        Resolve(document, schema)["properties"]?[property] is JsonObject tag && tag["enum"] is JsonArray { Count: 1 } values
        && values[0] is JsonValue value && value.TryGetValue(out string? text)
            ? text
            : null;

    public static IReadOnlyList<string> Required(JsonObject schema) =>
        schema["required"] is JsonArray required ? required.Select(r => r?.ToString() ?? string.Empty).ToArray() : Array.Empty<string>();
}
