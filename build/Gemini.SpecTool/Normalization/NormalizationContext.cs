using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Gemini.SpecTool;

/// <summary>What a rule's target going missing means.</summary>
public enum RuleKind
{
    /// <summary>Shapes the generated code (a name, a number format, a dropped duplicate): a target that is gone is skipped with a warning.</summary>
    Shaping,

    /// <summary>Hand-written code depends on its targets (listed in <see cref="Contracts"/>): a target that is gone fails normalization.</summary>
    Contract,

    /// <summary>Checks the normalized document; fails whenever something fell through the other rules.</summary>
    Guard,
}

/// <summary>One step of the normalization.</summary>
/// <param name="Name">A short stable name, shown in warnings and errors.</param>
/// <param name="Kind">What a missing target means.</param>
/// <param name="Why">Why the rule exists.</param>
/// <param name="Apply">The transformation.</param>
public sealed record NormalizationRule(string Name, RuleKind Kind, string Why, Action<NormalizationContext> Apply);

/// <summary>A shaping rule that found its target gone and skipped it.</summary>
public sealed record NormalizationWarning(string Rule, string Location, string Problem)
{
    public override string ToString() => $"Normalization rule '{Rule}' skipped '{Location}': {Problem}.";
}

/// <summary>
/// The spec being normalized, with helpers that name the current rule. Rules address schemas by the locations the change
/// summary prints (<c>request: messages[](role=user).content</c>, see <see cref="SpecSurface"/>), resolved through references,
/// so a location stays valid after the schemas on its way were named.
/// </summary>
public sealed class NormalizationContext
{
    private const string SchemasPointer = "/components/schemas";
    private readonly Dictionary<string, string> _bodies = new(StringComparer.Ordinal);

    public NormalizationContext(JsonObject document)
    {
        Document = document;
        var components = document["components"] as JsonObject ?? new JsonObject();
        document["components"] = components;
        Schemas = components["schemas"] as JsonObject ?? new JsonObject();
        components["schemas"] = Schemas;
        Surface = SpecSurface.Of(document);
        foreach (var (label, pointer) in SpecPaths.Bodies)
        {
            _bodies[label] = pointer;
        }
    }

    public JsonObject Document { get; }

    /// <summary>The surface of the spec as published, before any rule ran: what the contracts are checked against.</summary>
    public SpecSurface Surface { get; }

    /// <summary><c>components/schemas</c>, where every named type ends up.</summary>
    public JsonObject Schemas { get; }

    /// <summary>The rule being applied, named in every warning and failure.</summary>
    public NormalizationRule Rule { get; set; } = new("(none)", RuleKind.Guard, string.Empty, _ => { });

    /// <summary>Names of the types the generator must reference but not emit: the hand-written layer supplies them.</summary>
    public SortedSet<string> HandWrittenTypes { get; } = new(StringComparer.Ordinal);

    public List<NormalizationWarning> Warnings { get; } = new();

    public SpecToolException Fail(string where, string problem) =>
        new(SpecToolException.Codes.Normalization,
            $"Normalization rule '{Rule.Name}' no longer fits the spec at '{where}': {problem}. " +
            "The published spec has moved on; review the change (dotnet build src/Gemini.Generated -t:UpdateSpec) " +
            "and update the rule in build/Gemini.SpecTool/Normalization/.");

    /// <summary>Records that a shaping rule skipped <paramref name="location"/>.</summary>
    public void Skip(string location, string problem) => Warnings.Add(new NormalizationWarning(Rule.Name, location, problem));

    /// <summary>Points a body label (<c>request:</c>) at the named schema it became.</summary>
    public void MoveBody(string label, string name) => _bodies[label] = JsonPointer.Append(SchemasPointer, name);

    /// <summary>
    /// The JSON pointer of the schema position at <paramref name="location"/> (a surface location, or <c>TypeName</c> /
    /// <c>TypeName.property</c> for a named schema), following references on the way; null when it is not in the spec.
    /// </summary>
    public string? Locate(string location)
    {
        var (pointer, rest) = Root(location);
        if (pointer is null || JsonPointer.Find(Document, pointer) is not JsonObject)
        {
            return null;
        }

        foreach (var segment in Segments(rest))
        {
            var schema = (JsonObject)JsonPointer.Find(Document, pointer)!;
            if (schema["$ref"] is JsonValue reference && ((string)reference!).StartsWith("#/", StringComparison.Ordinal))
            {
                pointer = ((string)reference!).Substring(1);
                schema = JsonPointer.Find(Document, pointer) as JsonObject ?? new JsonObject();
            }

            string? next = segment switch
            {
                "[]" => pointer + "/items",
                "{*}" => pointer + "/additionalProperties",
                _ when segment.StartsWith("(", StringComparison.Ordinal) => Branch(pointer, schema, segment.Substring(1, segment.Length - 2)),
                _ => Property(pointer, schema, segment),
            };
            if (next is null || JsonPointer.Find(Document, next) is not JsonObject)
            {
                return null;
            }

            pointer = next;
        }

        return pointer;
    }

    /// <summary>The pointer at <paramref name="location"/>; a shaping rule that finds it gone gets null and a warning.</summary>
    public string? Target(string location)
    {
        var pointer = Locate(location);
        if (pointer is null)
        {
            Skip(location, "not in the spec");
        }

        return pointer;
    }

    /// <summary>The pointer at <paramref name="location"/>, which must exist.</summary>
    public string Require(string location) => Locate(location) ?? throw Fail(location, "not in the spec");

    /// <summary>The pointer a <c>$ref</c> at <paramref name="pointer"/> leads to, or <paramref name="pointer"/> itself.</summary>
    public string Follow(string pointer)
    {
        for (var i = 0; i < 16; i++)
        {
            var target = (string?)(Object(pointer)["$ref"] as JsonValue);
            if (target?.StartsWith("#/", StringComparison.Ordinal) != true)
            {
                break;
            }

            pointer = target.Substring(1);
        }

        return pointer;
    }

    public JsonObject Object(string pointer) =>
        JsonPointer.Find(Document, pointer) as JsonObject ?? throw Fail(pointer, "expected a JSON object");

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
        JsonPointer.Replace(Document, pointer, Ref(name, (string?)schema["description"]));
        return (JsonObject)Schemas[name]!;
    }

    /// <summary>Points the schema at <paramref name="pointer"/> to a named schema, keeping its description for the property's docs.</summary>
    public void Reference(string pointer, string name) => JsonPointer.Replace(Document, pointer, Ref(name, (string?)Object(pointer)["description"]));

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

    /// <summary>A reference to a named schema; a description beside it documents the property that holds it (NJsonSchema reads it).</summary>
    public static JsonObject Ref(string name, string? description = null)
    {
        var reference = new JsonObject { ["$ref"] = $"#{SchemasPointer}/{JsonPointer.Escape(name)}" };
        if (!string.IsNullOrEmpty(description))
        {
            reference["description"] = description;
        }

        return reference;
    }

    /// <summary>The schema at <paramref name="pointer"/> after following references.</summary>
    public JsonObject Resolve(string pointer) => SchemaTree.Resolve(Document, Object(pointer));

    /// <summary>The single value of a one-value string enum, as used by the spec for <c>role</c> and <c>type</c> tags.</summary>
    public string Tag(string branchPointer, string property) =>
        SchemaTree.Tag(Document, Object(branchPointer), property) ?? throw Fail(branchPointer, $"expected a one-value string enum '{property}' that tags the branch");

    public IReadOnlyList<string> EnumValues(string pointer) =>
        SchemaTree.EnumValues(Resolve(pointer)) is { Count: > 0 } values ? values : throw Fail(pointer, "expected a string enum");

    /// <summary>Pointers of the branches of a <c>oneOf</c>/<c>anyOf</c>; empty when there is none.</summary>
    public IReadOnlyList<string> Branches(string pointer, string keyword) =>
        Object(pointer)[keyword] is JsonArray branches
            ? Enumerable.Range(0, branches.Count).Select(i => $"{pointer}/{keyword}/{i}").ToArray()
            : Array.Empty<string>();

    public IEnumerable<(string Pointer, JsonObject Schema)> Walk(string pointer, bool followReferences = true) =>
        SchemaTree.Walk(Document, pointer, followReferences);

    /// <summary>Every schema position of the named types and the operation bodies, each once.</summary>
    public IEnumerable<(string Pointer, JsonObject Schema)> AllSchemas(bool followReferences = true)
    {
        var roots = Schemas.Select(s => JsonPointer.Append(SchemasPointer, s.Key)).Concat(_bodies.Values).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            foreach (var item in Walk(root, followReferences))
            {
                if (seen.Add(item.Pointer))
                {
                    yield return item;
                }
            }
        }
    }

    private (string? Pointer, string Path) Root(string location)
    {
        var colon = location.IndexOf(':');
        if (colon >= 0)
        {
            var label = location.Substring(0, colon + 1);
            return (_bodies.GetValueOrDefault(label), location.Substring(colon + 1).TrimStart());
        }

        var end = location.IndexOfAny(new[] { '.', '[', '(', '{' });
        var name = end < 0 ? location : location.Substring(0, end);
        var rest = end < 0 ? string.Empty : location.Substring(end).TrimStart('.');
        return (JsonPointer.Append(SchemasPointer, name), rest);
    }

    /// <summary>Splits <c>messages[](role=user).content</c> into <c>messages</c>, <c>[]</c>, <c>(role=user)</c>, <c>content</c>.</summary>
    private static IEnumerable<string> Segments(string rest)
    {
        var i = 0;
        while (i < rest.Length)
        {
            if (rest[i] == '.')
            {
                i++;
                continue;
            }

            if (rest[i] == '(')
            {
                var depth = 0;
                var start = i;
                for (; i < rest.Length; i++)
                {
                    depth += rest[i] == '(' ? 1 : rest[i] == ')' ? -1 : 0;
                    if (depth == 0)
                    {
                        break;
                    }
                }

                yield return rest.Substring(start, ++i - start);
                continue;
            }

            if (rest.Substring(i).StartsWith("[]", StringComparison.Ordinal) || rest.Substring(i).StartsWith("{*}", StringComparison.Ordinal))
            {
                var token = rest[i] == '[' ? "[]" : "{*}";
                i += token.Length;
                yield return token;
                continue;
            }

            var endOfName = rest.IndexOfAny(new[] { '.', '[', '(', '{' }, i);
            endOfName = endOfName < 0 ? rest.Length : endOfName;
            yield return rest.Substring(i, endOfName - i);
            i = endOfName;
        }
    }

    /// <summary>A property, also of a subtype (<c>allOf: [base, variant]</c>), whose properties sit in its variant.</summary>
    private string? Property(string pointer, JsonObject schema, string name)
    {
        var own = JsonPointer.Append(pointer + "/properties", name);
        var members = schema["allOf"] as JsonArray;
        if (members is null || (schema["properties"] as JsonObject)?.ContainsKey(name) == true)
        {
            return own;
        }

        for (var i = 0; i < members.Count; i++)
        {
            if (members[i] is JsonObject member && member["properties"] is JsonObject memberProperties && memberProperties.ContainsKey(name))
            {
                return JsonPointer.Append($"{pointer}/allOf/{i}/properties", name);
            }
        }

        return own;
    }

    private string? Branch(string pointer, JsonObject schema, string label)
    {
        foreach (var keyword in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema[keyword] is JsonArray branches)
            {
                for (var i = 0; i < branches.Count; i++)
                {
                    if (branches[i] is JsonObject && SpecSurface.BranchLabel(Document, branches, i) == label)
                    {
                        return $"{pointer}/{keyword}/{i}";
                    }
                }
            }
        }

        return null;
    }
}
