using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gemini.SpecTool;

/// <summary>
/// One element of an operation's surface: the operation itself (location ""), a body (<c>request:</c>,
/// <c>response 200 application/json:</c>), or a schema position below one (<c>request: messages[](role=user).content</c>).
/// </summary>
/// <param name="Operation">For example <c>POST /v1/chat/completions</c>.</param>
/// <param name="Location">Where in the operation, in the words the change summary uses.</param>
/// <param name="Type">The type in a word or two (<c>string</c>, <c>integer (int64)</c>, <c>object</c>, <c>any</c>); for the operation, its operationId.</param>
/// <param name="Required">A property its parent lists as required.</param>
/// <param name="Nullable">A schema marked <c>nullable</c>.</param>
/// <param name="Union">For a branch of a union, its keyword (<c>oneOf</c>, <c>anyOf</c>, <c>allOf</c>); else null.</param>
/// <param name="Enum">The enum values, or null.</param>
/// <param name="Pointer">The JSON pointer in the spec it was read from; null when read from a surface file.</param>
public sealed record SurfaceElement(string Operation, string Location, string Type, bool Required, bool Nullable, string? Union, IReadOnlyList<string>? Enum, string? Pointer = null)
{
    public bool IsOperation => Location.Length == 0;

    public bool IsRequestSide => Location.StartsWith("request", StringComparison.Ordinal);

    /// <summary>The one-line form the surface file keeps: <c>string, required, nullable, oneOf branch, enum ["a","b"]</c>.</summary>
    public string Describe()
    {
        var text = new StringBuilder(Type);
        if (Required)
        {
            text.Append(", required");
        }

        if (Nullable)
        {
            text.Append(", nullable");
        }

        if (Union is not null)
        {
            text.Append(", ").Append(Union).Append(" branch");
        }

        if (Enum is not null)
        {
            text.Append(", enum ").Append(JsonSerializer.Serialize(Enum));
        }

        return text.ToString();
    }

    public static SurfaceElement Parse(string operation, string location, string description)
    {
        if (location.Length == 0)
        {
            return new SurfaceElement(operation, location, description, false, false, null, null);
        }

        IReadOnlyList<string>? values = null;
        var enumAt = description.IndexOf(", enum [", StringComparison.Ordinal);
        if (enumAt >= 0)
        {
            values = JsonSerializer.Deserialize<string[]>(description.Substring(enumAt + ", enum ".Length));
            description = description.Substring(0, enumAt);
        }

        var parts = description.Split(", ");
        var union = parts.FirstOrDefault(p => p.EndsWith(" branch", StringComparison.Ordinal));
        return new SurfaceElement(operation, location, parts[0], parts.Contains("required"), parts.Contains("nullable"),
            union?.Substring(0, union.Length - " branch".Length), values);
    }
}

/// <summary>
/// The reviewable surface of a spec: its operations, and for each body every schema position with its type, required and
/// nullable flags, union membership and enum values. Descriptions and examples are left out. The surface of the locked spec
/// is committed beside the lock, so that UpdateSpec lists what changed on a fresh clone, offline, and a spec update shows
/// the contract change in <c>git diff</c>. The change summary and the contract check both read surfaces.
/// </summary>
public sealed class SpecSurface
{
    private const int MaxDepth = 32;
    private static readonly string[] Methods = { "get", "put", "post", "delete", "options", "head", "patch", "trace" };

    private readonly Dictionary<(string, string), SurfaceElement> _index;

    public SpecSurface(IReadOnlyList<SurfaceElement> elements, string? sha256 = null)
    {
        Elements = elements;
        Sha256 = sha256;
        _index = new Dictionary<(string, string), SurfaceElement>();
        foreach (var element in elements)
        {
            _index.TryAdd((element.Operation, element.Location), element);
        }
    }

    /// <summary>Every element, operation by operation, parents before their children.</summary>
    public IReadOnlyList<SurfaceElement> Elements { get; }

    /// <summary>The sha256 of the spec this surface describes, when known.</summary>
    public string? Sha256 { get; }

    public IEnumerable<string> Operations => Elements.Where(e => e.IsOperation).Select(e => e.Operation);

    public SurfaceElement? Find(string operation, string location) => _index.GetValueOrDefault((operation, location));

    public static SpecSurface Of(JsonObject document, string? sha256 = null)
    {
        var elements = new List<SurfaceElement>();
        var paths = document["paths"] as JsonObject ?? new JsonObject();
        foreach (var (path, item) in paths)
        {
            foreach (var method in Methods)
            {
                var operation = item?[method] as JsonObject;
                if (operation is null)
                {
                    continue;
                }

                var name = $"{method.ToUpperInvariant()} {path}";
                var pointer = JsonPointer.Append("/paths", path) + "/" + method;
                new Reader(document, name, elements).Operation(operation, pointer);
            }
        }

        return new SpecSurface(elements, sha256);
    }

    public static SpecSurface Read(string path)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new JsonException("not a JSON object");
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            throw new SpecToolException(SpecToolException.Codes.Lock, $"The spec surface '{path}' cannot be read: {ex.Message}.", ex);
        }

        var elements = new List<SurfaceElement>();
        foreach (var (operation, node) in root["operations"] as JsonObject ?? new JsonObject())
        {
            foreach (var (location, description) in node as JsonObject ?? new JsonObject())
            {
                elements.Add(SurfaceElement.Parse(operation, location == "operationId" ? string.Empty : location, (string?)description ?? string.Empty));
            }
        }

        return new SpecSurface(elements, (string?)root["sha256"]);
    }

    /// <summary>One line per element, so that a change of the spec is a readable diff.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        text.Append("{\n");
        text.Append("  \"about\": ").Append(Quote("The surface of the locked spec: operations, and every schema position of their bodies with its type, flags and enum values. Written by UpdateSpec; UpdateSpec compares a new spec against it.")).Append(",\n");
        text.Append("  \"sha256\": ").Append(Quote(Sha256 ?? string.Empty)).Append(",\n");
        text.Append("  \"operations\": {");
        var operations = Elements.GroupBy(e => e.Operation).ToList();
        for (var o = 0; o < operations.Count; o++)
        {
            text.Append(o == 0 ? "\n" : ",\n").Append("    ").Append(Quote(operations[o].Key)).Append(": {");
            var first = true;
            foreach (var element in operations[o])
            {
                text.Append(first ? "\n" : ",\n").Append("      ")
                    .Append(Quote(element.IsOperation ? "operationId" : element.Location)).Append(": ")
                    .Append(Quote(element.IsOperation ? element.Type : element.Describe()));
                first = false;
            }

            text.Append("\n    }");
        }

        text.Append("\n  }\n}\n");
        return text.ToString();
    }

    public void Write(string path) => Program.WriteAtomically(path, Encoding.UTF8.GetBytes(Render()));

    private static string Quote(string text) => JsonSerializer.Serialize(text, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>
    /// Joins a location and a child: <c>request:</c> + <c>model</c> is <c>request: model</c>; items, values and branches
    /// attach without a dot (<c>messages[]</c>, <c>content(string)</c>).
    /// </summary>
    public static string Join(string location, string name)
    {
        if (location.EndsWith(":", StringComparison.Ordinal))
        {
            return location + " " + name;
        }

        return name.StartsWith("[", StringComparison.Ordinal) || name.StartsWith("(", StringComparison.Ordinal) || name.StartsWith("{", StringComparison.Ordinal)
            ? location + name
            : location + "." + name;
    }

    /// <summary>Names a union branch by its one-value tag (role=user, type=text) where it has one, else by its type when unique, else by position.</summary>
    public static string BranchLabel(JsonObject document, JsonArray branches, int index)
    {
        var branch = SchemaTree.Resolve(document, (JsonObject)branches[index]!);
        foreach (var tag in new[] { "role", "type" })
        {
            if (SchemaTree.Tag(document, branch, tag) is { } value)
            {
                return $"{tag}={value}";
            }
        }

        var type = SchemaTree.TypeOf(branch);
        return type != "any" && branches.Count(b => b is JsonObject o && SchemaTree.TypeOf(SchemaTree.Resolve(document, o)) == type) == 1
            ? type
            : $"#{index + 1}";
    }

    private sealed class Reader
    {
        private readonly JsonObject _document;
        private readonly string _operation;
        private readonly List<SurfaceElement> _elements;

        public Reader(JsonObject document, string operation, List<SurfaceElement> elements)
        {
            _document = document;
            _operation = operation;
            _elements = elements;
        }

        public void Operation(JsonObject operation, string pointer)
        {
            _elements.Add(new SurfaceElement(_operation, string.Empty, (string?)operation["operationId"] ?? string.Empty, false, false, null, null, pointer));

            if (operation["requestBody"]?["content"] is JsonObject request)
            {
                foreach (var (media, body) in request)
                {
                    var label = request.Count == 1 ? "request:" : $"request {media}:";
                    Body(body, label, JsonPointer.Append(pointer + "/requestBody/content", media));
                }
            }

            foreach (var (status, response) in operation["responses"] as JsonObject ?? new JsonObject())
            {
                var responsePointer = JsonPointer.Append(pointer + "/responses", status);
                var content = response?["content"] as JsonObject;
                if (content is null || content.Count == 0)
                {
                    _elements.Add(new SurfaceElement(_operation, $"response {status}:", "none", false, false, null, null, responsePointer));
                    continue;
                }

                foreach (var (media, body) in content)
                {
                    Body(body, $"response {status} {media}:", JsonPointer.Append(responsePointer + "/content", media));
                }
            }
        }

        private void Body(JsonNode? body, string label, string pointer)
        {
            if (body?["schema"] is JsonObject schema)
            {
                Schema(schema, pointer + "/schema", label, required: false, union: null, depth: 0);
            }
            else
            {
                _elements.Add(new SurfaceElement(_operation, label, "none", false, false, null, null, pointer));
            }
        }

        private void Schema(JsonObject schema, string pointer, string location, bool required, string? union, int depth)
        {
            if (schema["$ref"] is JsonValue reference && ((string?)reference)?.StartsWith("#/", StringComparison.Ordinal) == true)
            {
                pointer = ((string)reference!).Substring(1);
            }

            schema = SchemaTree.Resolve(_document, schema);
            _elements.Add(new SurfaceElement(_operation, location, SchemaTree.TypeOf(schema), required, SchemaTree.IsNullable(schema), union, SchemaTree.EnumValues(schema), pointer));
            if (depth >= MaxDepth)
            {
                return;
            }

            var requiredNames = SchemaTree.Required(schema);
            foreach (var child in SchemaTree.Children(pointer, schema))
            {
                var childSchema = JsonPointer.Find(_document, child.Pointer) as JsonObject;
                if (childSchema is null)
                {
                    continue;
                }

                switch (child.Edge)
                {
                    case SchemaEdge.Property:
                        Schema(childSchema, child.Pointer, Join(location, child.Name), requiredNames.Contains(child.Name, StringComparer.Ordinal), null, depth + 1);
                        break;
                    case SchemaEdge.Items:
                        Schema(childSchema, child.Pointer, Join(location, "[]"), false, null, depth + 1);
                        break;
                    case SchemaEdge.Values:
                        Schema(childSchema, child.Pointer, Join(location, "{*}"), false, null, depth + 1);
                        break;
                    default:
                        var label = BranchLabel(_document, (JsonArray)schema[child.Name]!, child.Index);
                        Schema(childSchema, child.Pointer, Join(location, $"({label})"), false, child.Name, depth + 1);
                        break;
                }
            }
        }
    }
}
