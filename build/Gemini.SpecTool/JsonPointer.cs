using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Gemini.SpecTool;

/// <summary>RFC 6901 JSON pointers over <see cref="JsonNode"/> trees.</summary>
public static class JsonPointer
{
    public static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Unescape(string token) => token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    public static string Append(string pointer, string token) => pointer + "/" + Escape(token);

    public static IReadOnlyList<string> Split(string pointer)
    {
        if (pointer.Length == 0)
        {
            return Array.Empty<string>();
        }

        if (pointer[0] != '/')
        {
            throw new ArgumentException($"A JSON pointer starts with '/': '{pointer}'.", nameof(pointer));
        }

        return pointer.Substring(1).Split('/').Select(Unescape).ToArray();
    }

    public static JsonNode? Find(JsonNode root, string pointer)
    {
        JsonNode? current = root;
        foreach (var token in Split(pointer))
        {
            current = current switch
            {
                JsonObject obj => obj.TryGetPropertyValue(token, out var child) ? child : null,
                JsonArray array => int.TryParse(token, out var index) && index >= 0 && index < array.Count ? array[index] : null,
                _ => null,
            };
        }

        return current;
    }

    /// <summary>Replaces the node at <paramref name="pointer"/>; the parent must exist.</summary>
    public static void Replace(JsonNode root, string pointer, JsonNode? value)
    {
        var (parent, token) = Parent(root, pointer);
        switch (parent)
        {
            case JsonObject obj:
                obj[token] = value;
                break;
            case JsonArray array:
                array[int.Parse(token, System.Globalization.CultureInfo.InvariantCulture)] = value;
                break;
            default:
                throw new InvalidOperationException($"No container at the parent of '{pointer}'.");
        }
    }

    public static bool Remove(JsonNode root, string pointer)
    {
        var (parent, token) = Parent(root, pointer);
        return parent is JsonObject obj && obj.Remove(token);
    }

    private static (JsonNode? Parent, string Token) Parent(JsonNode root, string pointer)
    {
        var tokens = Split(pointer);
        if (tokens.Count == 0)
        {
            throw new ArgumentException("The root has no parent.", nameof(pointer));
        }

        var parentPointer = string.Concat(tokens.Take(tokens.Count - 1).Select(t => "/" + Escape(t)));
        return (Find(root, parentPointer), tokens[^1]);
    }
}
