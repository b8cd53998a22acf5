using System.Collections.Generic;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace Gemini.Generated;

/// <summary>
/// The fields a stream's chunks carried that the SDK does not type (extension data) at one level of the completion (the chunk,
/// a choice, a delta, a tool call), merged into what the non-streamed completion has there:
/// <list type="bullet">
/// <item>objects merge field by field;</item>
/// <item>items of an array that carry an <c>index</c> merge by index; other items are pieces, added in order (in a delta) or the
/// array as a whole replaces the last one (at chunk and choice level, where each chunk repeats the value);</item>
/// <item>strings are pieces that concatenate in a delta (<c>reasoning_content</c>, a tool call's arguments) and values that
/// repeat elsewhere (<c>system_fingerprint</c>, <c>provider</c>): there, as for other scalars, the last non-null one wins;</item>
/// <item>identifiers and discriminators (<c>id</c>, <c>type</c>, <c>index</c>, <c>format</c>) repeat on every piece: the first
/// non-empty one wins;</item>
/// <item>a null never replaces a value, but is kept when nothing else came.</item>
/// </list>
/// Nothing is done (and nothing allocated) for chunks without such fields, and the chunks are never changed.
/// </summary>
internal sealed class MergedFields
{
    private readonly bool _pieces;
    private Node? _root;

    /// <param name="pieces">True inside a delta, where strings are pieces of one value; false where each chunk repeats the value.</param>
    public MergedFields(bool pieces)
    {
        _pieces = pieces;
    }

    public void Add(IDictionary<string, object>? fields)
    {
        if (fields is not { Count: > 0 })
        {
            return;
        }

        _root ??= Node.NewObject();
        foreach (var field in fields)
        {
            _root.Set(field.Key, Merge(_root.Get(field.Key), field.Value, field.Key));
        }
    }

    /// <summary>
    /// Sets the merged fields on <paramref name="target"/>, read as the non-streamed completion would be: into its typed
    /// properties where it has them, else into its extension data. A field that does not fit its typed property (a number where an
    /// object belongs) is kept as sent in the extension data: the chunks were read already, and the merge must not fail.
    /// </summary>
    public void ApplyTo(object target)
    {
        if (_root is null)
        {
            return;
        }

        var fields = (JObject)_root.ToToken();
        if (!TryPopulate(fields, target))
        {
            foreach (var field in fields.Properties())
            {
                if (!TryPopulate(new JObject(new JProperty(field.Name, field.Value)), target) &&
                    GeminiJson.Serializer.ContractResolver.ResolveContract(target.GetType()) is JsonObjectContract { ExtensionDataSetter: { } keep })
                {
                    keep(target, field.Name, field.Value);
                }
            }
        }
    }

    private static bool TryPopulate(JObject fields, object target)
    {
        try
        {
            using var reader = fields.CreateReader();
            GeminiJson.Serializer.Populate(reader, target);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private Node Merge(Node? existing, object? value, string? key)
    {
        switch (value)
        {
            case null:
            case JValue { Type: JTokenType.Null or JTokenType.Undefined }:
                return existing ?? Node.NewValue(null);
            case JObject json:
                var merged = existing is { Kind: NodeKind.Object } ? existing : Node.NewObject();
                foreach (var property in json.Properties())
                {
                    merged.Set(property.Name, Merge(merged.Get(property.Name), property.Value, property.Name));
                }

                return merged;
            case JArray array:
                return MergeArray(existing, array);
            case JValue scalar:
                return MergeScalar(existing, scalar.Value, key);
            case JToken other:
                return Node.NewValue(other.ToString(Formatting.None));
            case string or bool or long or int or double or decimal or float:
                return MergeScalar(existing, value, key);
            default:
                // Something a caller put in a chunk by hand: merged as the JSON it stands for.
                return Merge(existing, JToken.FromObject(value, GeminiJson.Serializer), key);
        }
    }

    private Node MergeScalar(Node? existing, object? value, string? key)
    {
        if (IsIdentifier(key))
        {
            return existing is { Kind: NodeKind.Value, Value: not null and not "" } ? existing : Node.NewValue(value);
        }

        if (_pieces && value is string piece)
        {
            if (existing is { Kind: NodeKind.Text })
            {
                existing.Text!.Append(piece);
                return existing;
            }

            return Node.NewText(existing is { Kind: NodeKind.Value, Value: string earlier } ? earlier + piece : piece);
        }

        return Node.NewValue(value);
    }

    private Node MergeArray(Node? existing, JArray array)
    {
        var indexed = true;
        foreach (var item in array)
        {
            indexed &= IndexOf(item) is not null;
        }

        // Where each chunk repeats the value, an array of pieces without index replaces the last one.
        var merged = existing is { Kind: NodeKind.Array } && (_pieces || indexed) ? existing : Node.NewArray();
        foreach (var item in array)
        {
            if (IndexOf(item) is { } index)
            {
                merged.Set(index, Merge(merged.Get(index), item, null));
            }
            else
            {
                merged.Items!.Add(Merge(null, item, null));
            }
        }

        return merged;
    }

    // An integer beyond 64 bits is held as a BigInteger: it is no index.
    private static long? IndexOf(JToken item) =>
        item is JObject json && json["index"] is JValue { Type: JTokenType.Integer, Value: long index } ? index : null;

    private static bool IsIdentifier(string? key) => key is "id" or "type" or "index" or "format";

    private enum NodeKind
    {
        Value,
        Text,
        Object,
        Array,
    }

    private sealed class Node
    {
        private List<KeyValuePair<string, Node>>? _fields;
        private Dictionary<long, int>? _positions;

        private Node(NodeKind kind)
        {
            Kind = kind;
        }

        public NodeKind Kind { get; }

        public object? Value { get; private set; }

        public StringBuilder? Text { get; private set; }

        public List<Node>? Items { get; private set; }

        public static Node NewValue(object? value) => new(NodeKind.Value) { Value = value };

        public static Node NewText(string text) => new(NodeKind.Text) { Text = new StringBuilder(text) };

        public static Node NewObject() => new(NodeKind.Object) { _fields = new List<KeyValuePair<string, Node>>() };

        public static Node NewArray() => new(NodeKind.Array) { Items = new List<Node>() };

        public Node? Get(string name)
        {
            foreach (var field in _fields!)
            {
                if (field.Key == name)
                {
                    return field.Value;
                }
            }

            return null;
        }

        public void Set(string name, Node value)
        {
            for (var i = 0; i < _fields!.Count; i++)
            {
                if (_fields[i].Key == name)
                {
                    _fields[i] = new KeyValuePair<string, Node>(name, value);
                    return;
                }
            }

            _fields.Add(new KeyValuePair<string, Node>(name, value));
        }

        /// <summary>The item with <c>index</c> <paramref name="index"/>, in an array.</summary>
        public Node? Get(long index) => _positions is not null && _positions.TryGetValue(index, out var position) ? Items![position] : null;

        public void Set(long index, Node value)
        {
            _positions ??= new Dictionary<long, int>();
            if (_positions.TryGetValue(index, out var position))
            {
                Items![position] = value;
            }
            else
            {
                _positions.Add(index, Items!.Count);
                Items.Add(value);
            }
        }

        public JToken ToToken()
        {
            switch (Kind)
            {
                case NodeKind.Text:
                    return new JValue(Text!.ToString());
                case NodeKind.Object:
                    var json = new JObject();
                    foreach (var field in _fields!)
                    {
                        json.Add(field.Key, field.Value.ToToken());
                    }

                    return json;
                case NodeKind.Array:
                    var array = new JArray();
                    foreach (var item in Items!)
                    {
                        array.Add(item.ToToken());
                    }

                    return array;
                default:
                    return Value is null ? JValue.CreateNull() : new JValue(Value);
            }
        }
    }
}
