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
/// Compares two surfaces (<see cref="SpecSurface"/>): operations, body schemas, properties added or removed, type changes,
/// enum values, required flags, nullability and union branches. A change is breaking when code or callers written against the
/// old version can break: anything removed, a type change, a newly required request field, a response field that became
/// optional or nullable, a request enum value removed, a response union that gained a branch.
/// </summary>
public static class SpecDiff
{
    public static SpecDiffResult Compare(JsonObject before, JsonObject after) => Compare(SpecSurface.Of(before), SpecSurface.Of(after));

    public static SpecDiffResult Compare(SpecSurface before, SpecSurface after)
    {
        var changes = new List<(int Order, SpecChange Change)>();
        var operations = before.Operations.Union(after.Operations, StringComparer.Ordinal).ToList();

        // Changes sort by operation, then by where they sit in the new surface; a removal sits after its predecessor in the old one.
        var position = new Dictionary<(string, string), int>();
        for (var i = 0; i < after.Elements.Count; i++)
        {
            position[(after.Elements[i].Operation, after.Elements[i].Location)] = 2 * i + 1;
        }

        var last = 0;
        foreach (var old in before.Elements)
        {
            if (position.TryGetValue((old.Operation, old.Location), out var at))
            {
                last = at;
                var now = after.Find(old.Operation, old.Location)!;
                foreach (var change in Changed(old, now))
                {
                    changes.Add((at, change));
                }
            }
            else if (IsTopmost(old, after))
            {
                changes.Add((last + 1, old.IsOperation
                    ? new SpecChange(old.Operation, "", '-', "operation removed", true)
                    : Removed(old, before)));
            }
        }

        foreach (var added in after.Elements)
        {
            if (before.Find(added.Operation, added.Location) is null && IsTopmost(added, before))
            {
                changes.Add((position[(added.Operation, added.Location)], added.IsOperation
                    ? new SpecChange(added.Operation, "", '+', "operation added", false)
                    : Added(added, after)));
            }
        }

        return new SpecDiffResult(changes
            .OrderBy(c => operations.IndexOf(c.Change.Operation))
            .ThenBy(c => c.Order)
            .Select(c => c.Change)
            .ToList());
    }

    private static IEnumerable<SpecChange> Changed(SurfaceElement old, SurfaceElement now)
    {
        var request = now.IsRequestSide;
        if (old.IsOperation)
        {
            if (!string.Equals(old.Type, now.Type, StringComparison.Ordinal))
            {
                yield return Change(now, '~', $"operationId changed from '{old.Type}' to '{now.Type}'", false);
            }

            yield break;
        }

        if (!string.Equals(old.Type, now.Type, StringComparison.Ordinal))
        {
            yield return Change(now, '~', $"type changed from {old.Type} to {now.Type}", true);
        }

        if (old.Nullable != now.Nullable)
        {
            yield return Change(now, '~', now.Nullable ? "became nullable" : "is no longer nullable", request ? !now.Nullable : now.Nullable);
        }

        if (old.Required != now.Required)
        {
            yield return Change(now, '~', now.Required ? "became required" : "is no longer required", request ? now.Required : !now.Required);
        }

        if (old.Enum is null || now.Enum is null)
        {
            if (old.Enum is null != now.Enum is null)
            {
                yield return Change(now, '~', now.Enum is null ? "is no longer an enum" : $"became an enum ({string.Join(", ", now.Enum!)})", now.Enum is not null && request);
            }

            yield break;
        }

        foreach (var value in now.Enum.Except(old.Enum, StringComparer.Ordinal))
        {
            yield return Change(now, '+', $"enum value '{value}' added", false);
        }

        foreach (var value in old.Enum.Except(now.Enum, StringComparer.Ordinal))
        {
            yield return Change(now, '-', $"enum value '{value}' removed", request);
        }
    }

    private static SpecChange Added(SurfaceElement element, SpecSurface surface) => element.Union is { } keyword
        ? Change(element, '+', $"{keyword} branch added ({Summary(element, surface)})", !element.IsRequestSide)
        : Change(element, '+', $"({Summary(element, surface)}{(element.Required ? ", required" : "")}) added", element.IsRequestSide && element.Required);

    private static SpecChange Removed(SurfaceElement element, SpecSurface surface) => element.Union is { } keyword
        ? Change(element, '-', $"{keyword} branch removed ({Summary(element, surface)})", element.IsRequestSide)
        : Change(element, '-', $"({Summary(element, surface)}) removed", true);

    /// <summary>Only the outermost element of an added or removed subtree is listed: its parent exists on the other side.</summary>
    private static bool IsTopmost(SurfaceElement element, SpecSurface other)
    {
        if (element.IsOperation)
        {
            return true;
        }

        var parent = Parent(element.Location);
        return parent is null
            ? other.Find(element.Operation, string.Empty) is not null
            : other.Find(element.Operation, parent) is not null;
    }

    /// <summary>The location of the parent element; null for a body (whose parent is the operation).</summary>
    public static string? Parent(string location)
    {
        if (location.EndsWith(":", StringComparison.Ordinal))
        {
            return null;
        }

        var depth = 0;
        for (var i = location.Length - 1; i >= 0; i--)
        {
            var c = location[i];
            if (c is ')' or ']' or '}')
            {
                depth++;
                if (c == ']' && i > 0 && location[i - 1] == '[' && depth == 1)
                {
                    return location.Substring(0, i - 1);
                }

                if (c == '}' && i > 2 && location.Substring(i - 2, 3) == "{*}" && depth == 1)
                {
                    return location.Substring(0, i - 2);
                }

                continue;
            }

            if (c is '(' or '[' or '{')
            {
                depth--;
                if (depth == 0 && c == '(')
                {
                    return location.Substring(0, i);
                }

                continue;
            }

            if (depth == 0 && c == '.')
            {
                return location.Substring(0, i);
            }

            if (depth == 0 && c == ' ' && i > 0 && location[i - 1] == ':')
            {
                return location.Substring(0, i);
            }
        }

        return null;
    }

    private static string Summary(SurfaceElement element, SpecSurface surface)
    {
        var type = element.Type;
        if (type == "array" && surface.Find(element.Operation, SpecSurface.Join(element.Location, "[]")) is { } items)
        {
            type = $"array of {items.Type}";
        }

        return element.Nullable ? type + ", nullable" : type;
    }

    private static SpecChange Change(SurfaceElement element, char symbol, string description, bool breaking) =>
        new(element.Operation, element.Location, symbol, description, breaking);
}
