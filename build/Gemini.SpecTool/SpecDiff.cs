using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;

namespace Gemini.SpecTool;

/// <summary>One difference between two versions of the spec.</summary>
/// <param name="Operation">For example <c>POST /v1/chat/completions</c>.</param>
/// <param name="Location">Where in the operation, for example <c>request: messages[](role=user).name</c>; empty for the operation itself.</param>
/// <param name="Symbol">'+' added, '-' removed, '~' changed.</param>
/// <param name="Description">What changed, in words.</param>
/// <param name="Breaking">Whether code written against the old version can break.</param>
public sealed record SpecChange(string Operation, string Location, char Symbol, string Description, bool Breaking);

/// <summary>The changes between two versions, ready to print.</summary>
public sealed class SpecDiffResult
{
    public SpecDiffResult(IReadOnlyList<SpecChange> changes) => Changes = changes;

    public IReadOnlyList<SpecChange> Changes { get; }

    public string Render()
    {
        var text = new StringBuilder();
        if (Changes.Count == 0)
        {
            text.AppendLine("No changes to operations or schemas (descriptions and examples are not compared).");
            return text.ToString();
        }

        foreach (var operation in Changes.GroupBy(c => c.Operation))
        {
            text.AppendLine(operation.Key);
            foreach (var change in operation)
            {
                var where = change.Location.Length == 0 ? string.Empty : change.Location + " ";
                text.Append("  ").Append(change.Symbol).Append(' ').Append(where).Append(change.Description);
                text.AppendLine(change.Breaking ? "  [BREAKING]" : string.Empty);
            }
        }

        var breaking = Changes.Count(c => c.Breaking);
        text.AppendLine();
        text.AppendLine($"{Changes.Count} change{(Changes.Count == 1 ? "" : "s")}, {breaking} breaking.");
        return text.ToString();
    }
}

/// <summary>
/// Compares operations, request and response schemas of two OpenAPI documents: properties added or removed, type changes,
/// enum values, required flags and nullability. A change is breaking when code or callers written against the old version
/// can break: anything removed, a type change, a newly required request field, a response field that became optional or nullable,
/// a request enum value removed.
/// </summary>
public static class SpecDiff
{
    private static readonly string[] Methods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

    public static SpecDiffResult Compare(JsonObject before, JsonObject after)
    {
        var changes = new List<SpecChange>();
        var oldPaths = before["paths"] as JsonObject ?? new JsonObject();
        var newPaths = after["paths"] as JsonObject ?? new JsonObject();
        foreach (var path in oldPaths.Select(p => p.Key).Union(newPaths.Select(p => p.Key), StringComparer.Ordinal))
        {
            foreach (var method in Methods)
            {
                var oldOperation = oldPaths[path]?[method] as JsonObject;
                var newOperation = newPaths[path]?[method] as JsonObject;
                var name = $"{method.ToUpperInvariant()} {path}";
                if (oldOperation is null && newOperation is null)
                {
                    continue;
                }

                if (oldOperation is null)
                {
                    changes.Add(new SpecChange(name, "", '+', "operation added", false));
                }
                else if (newOperation is null)
                {
                    changes.Add(new SpecChange(name, "", '-', "operation removed", true));
                }
                else
                {
                    new Comparer(before, after, name, changes).Operation(oldOperation, newOperation);
                }
            }
        }

        return new SpecDiffResult(changes);
    }

    private enum Side
    {
        Request,
        Response,
    }

    private sealed class Comparer
    {
        private readonly JsonObject _before;
        private readonly JsonObject _after;
        private readonly string _operation;
        private readonly List<SpecChange> _changes;

        public Comparer(JsonObject before, JsonObject after, string operation, List<SpecChange> changes)
        {
            _before = before;
            _after = after;
            _operation = operation;
            _changes = changes;
        }

        public void Operation(JsonObject before, JsonObject after)
        {
            var oldId = (string?)before["operationId"];
            var newId = (string?)after["operationId"];
            if (!string.Equals(oldId, newId, StringComparison.Ordinal))
            {
                Add("", '~', $"operationId changed from '{oldId}' to '{newId}'", false);
            }

            Content(before["requestBody"]?["content"] as JsonObject, after["requestBody"]?["content"] as JsonObject, "request", Side.Request);

            var oldResponses = before["responses"] as JsonObject ?? new JsonObject();
            var newResponses = after["responses"] as JsonObject ?? new JsonObject();
            foreach (var status in oldResponses.Select(r => r.Key).Union(newResponses.Select(r => r.Key), StringComparer.Ordinal))
            {
                var label = $"response {status}";
                if (!newResponses.ContainsKey(status))
                {
                    Add(label, '-', "removed", true);
                }
                else if (!oldResponses.ContainsKey(status))
                {
                    Add(label, '+', "added", false);
                }
                else
                {
                    Content(oldResponses[status]?["content"] as JsonObject, newResponses[status]?["content"] as JsonObject, label, Side.Response);
                }
            }
        }

        private void Content(JsonObject? before, JsonObject? after, string label, Side side)
        {
            before ??= new JsonObject();
            after ??= new JsonObject();
            var single = before.Count <= 1 && after.Count <= 1 && side == Side.Request;
            foreach (var mediaType in before.Select(m => m.Key).Union(after.Select(m => m.Key), StringComparer.Ordinal))
            {
                var where = single ? label : $"{label} {mediaType}";
                if (!after.ContainsKey(mediaType))
                {
                    Add(where, '-', "media type removed", true);
                }
                else if (!before.ContainsKey(mediaType))
                {
                    Add(where, '+', "media type added", false);
                }
                else if (before[mediaType]?["schema"] is JsonObject oldSchema && after[mediaType]?["schema"] is JsonObject newSchema)
                {
                    Schema(oldSchema, newSchema, where + ":", side, depth: 0);
                }
            }
        }

        private void Schema(JsonObject before, JsonObject after, string location, Side side, int depth)
        {
            if (depth > 32)
            {
                return;
            }

            before = Resolve(_before, before);
            after = Resolve(_after, after);

            var oldType = TypeOf(before);
            var newType = TypeOf(after);
            if (!string.Equals(oldType, newType, StringComparison.Ordinal))
            {
                Add(location, '~', $"type changed from {oldType} to {newType}", true);
            }

            var oldNullable = IsNullable(before);
            var newNullable = IsNullable(after);
            if (oldNullable != newNullable)
            {
                var breaking = side == Side.Response ? newNullable : !newNullable;
                Add(location, '~', newNullable ? "became nullable" : "is no longer nullable", breaking);
            }

            Enum(before, after, location, side);
            Properties(before, after, location, side, depth);

            if (before["items"] is JsonObject oldItems && after["items"] is JsonObject newItems)
            {
                Schema(oldItems, newItems, Join(location, "[]"), side, depth + 1);
            }

            if (before["additionalProperties"] is JsonObject oldValues && after["additionalProperties"] is JsonObject newValues)
            {
                Schema(oldValues, newValues, Join(location, "{*}"), side, depth + 1);
            }

            foreach (var keyword in new[] { "oneOf", "anyOf", "allOf" })
            {
                Branches(before[keyword] as JsonArray, after[keyword] as JsonArray, keyword, location, side, depth);
            }
        }

        private void Enum(JsonObject before, JsonObject after, string location, Side side)
        {
            var oldValues = Values(before["enum"] as JsonArray);
            var newValues = Values(after["enum"] as JsonArray);
            if (oldValues is null || newValues is null)
            {
                if (oldValues is null != newValues is null)
                {
                    Add(location, '~', newValues is null ? "is no longer an enum" : $"became an enum ({string.Join(", ", newValues!)})", newValues is not null && side == Side.Request);
                }

                return;
            }

            foreach (var value in newValues.Except(oldValues, StringComparer.Ordinal))
            {
                Add(location, '+', $"enum value '{value}' added", false);
            }

            foreach (var value in oldValues.Except(newValues, StringComparer.Ordinal))
            {
                Add(location, '-', $"enum value '{value}' removed", side == Side.Request);
            }
        }

        private void Properties(JsonObject before, JsonObject after, string location, Side side, int depth)
        {
            var oldProperties = before["properties"] as JsonObject ?? new JsonObject();
            var newProperties = after["properties"] as JsonObject ?? new JsonObject();
            var oldRequired = Values(before["required"] as JsonArray) ?? new List<string>();
            var newRequired = Values(after["required"] as JsonArray) ?? new List<string>();

            foreach (var (name, node) in oldProperties)
            {
                var where = Join(location, name);
                if (!newProperties.ContainsKey(name))
                {
                    Add(where, '-', $"({Summary(_before, node)}) removed", true);
                }
            }

            foreach (var (name, node) in newProperties)
            {
                var where = Join(location, name);
                var required = newRequired.Contains(name, StringComparer.Ordinal);
                if (!oldProperties.ContainsKey(name))
                {
                    Add(where, '+', $"({Summary(_after, node)}{(required ? ", required" : "")}) added", side == Side.Request && required);
                    continue;
                }

                var wasRequired = oldRequired.Contains(name, StringComparer.Ordinal);
                if (wasRequired != required)
                {
                    var breaking = side == Side.Request ? required : !required;
                    Add(where, '~', required ? "became required" : "is no longer required", breaking);
                }

                if (oldProperties[name] is JsonObject oldSchema && node is JsonObject newSchema)
                {
                    Schema(oldSchema, newSchema, where, side, depth + 1);
                }
            }
        }

        private void Branches(JsonArray? before, JsonArray? after, string keyword, string location, Side side, int depth)
        {
            if (before is null && after is null)
            {
                return;
            }

            var oldBranches = Label(_before, before);
            var newBranches = Label(_after, after);
            foreach (var (label, schema) in newBranches)
            {
                var old = oldBranches.FirstOrDefault(b => b.Label == label).Schema;
                if (old is null)
                {
                    Add(Join(location, $"({label})"), '+', $"{keyword} branch added ({Summary(_after, schema)})", side == Side.Response);
                }
                else
                {
                    Schema(old, schema, Join(location, $"({label})"), side, depth + 1);
                }
            }

            foreach (var (label, schema) in oldBranches)
            {
                if (!newBranches.Any(b => b.Label == label))
                {
                    Add(Join(location, $"({label})"), '-', $"{keyword} branch removed ({Summary(_before, schema)})", side == Side.Request);
                }
            }
        }

        /// <summary>Names union branches by their one-value tag (role=user, type=text) where they have one, else by position.</summary>
        private static List<(string Label, JsonObject Schema)> Label(JsonObject document, JsonArray? branches)
        {
            var labels = new List<(string Label, JsonObject Schema)>();
            if (branches is null)
            {
                return labels;
            }

            for (var i = 0; i < branches.Count; i++)
            {
                if (branches[i] is not JsonObject branch)
                {
                    continue;
                }

                var resolved = Resolve(document, branch);
                string? label = null;
                foreach (var tag in new[] { "role", "type" })
                {
                    if (resolved["properties"]?[tag]?["enum"] is JsonArray { Count: 1 } values)
                    {
                        label = $"{tag}={values[0]}";
                        break;
                    }
                }

                label ??= TypeOf(resolved) is var type && type != "any" && branches.Count(b => b is JsonObject o && TypeOf(Resolve(document, o)) == type) == 1
                    ? type
                    : $"#{i + 1}";
                labels.Add((label, branch));
            }

            return labels;
        }

        private static JsonObject Resolve(JsonObject document, JsonObject schema)
        {
            for (var i = 0; i < 16 && schema["$ref"] is JsonValue reference; i++)
            {
                var target = JsonPointer.Find(document, ((string)reference!).TrimStart('#'));
                if (target is not JsonObject resolved)
                {
                    break;
                }

                schema = resolved;
            }

            return schema;
        }

        private static string TypeOf(JsonObject schema)
        {
            var type = (string?)schema["type"] ?? (schema["properties"] is not null ? "object" : "any");
            var format = (string?)schema["format"];
            return format is null ? type : $"{type} ({format})";
        }

        private static bool IsNullable(JsonObject schema) => schema["nullable"] is JsonValue value && value.TryGetValue(out bool nullable) && nullable;

        private static string Summary(JsonObject document, JsonNode? node)
        {
            if (node is not JsonObject schema)
            {
                return "any";
            }

            schema = Resolve(document, schema);
            var type = TypeOf(schema);
            if (type == "array" && schema["items"] is JsonObject items)
            {
                type = $"array of {TypeOf(Resolve(document, items))}";
            }

            return IsNullable(schema) ? type + ", nullable" : type;
        }

        private static List<string>? Values(JsonArray? array) => array?.Select(v => v?.ToString() ?? "null").ToList();

        private static string Join(string location, string name)
        {
            if (location.EndsWith(":", StringComparison.Ordinal))
            {
                return location + " " + name;
            }

            return name.StartsWith("[", StringComparison.Ordinal) || name.StartsWith("(", StringComparison.Ordinal) || name.StartsWith("{", StringComparison.Ordinal)
                ? location + name
                : location + "." + name;
        }

        private void Add(string location, char symbol, string description, bool breaking) =>
            _changes.Add(new SpecChange(_operation, location, symbol, description, breaking));
    }
}
