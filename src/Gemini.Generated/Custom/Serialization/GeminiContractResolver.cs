using System;
using System.Collections.Generic;
using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace Gemini.Generated;

/// <summary>
/// The SDK's contract resolver: Newtonsoft's defaults, except that a response message's <c>content</c> (a string in the spec)
/// also reads a list of parts, as some services send it.
/// </summary>
/// <remarks>
/// CUSTOM: the spec types the content of a completion message and of a delta as a string, so the generated property is a string.
/// Changing its type would break every reader of <c>Content</c>; instead, this resolver gives that one property a converter that
/// accepts a string or an array, and a value provider that keeps the text in <c>Content</c> and the parts in <c>ContentParts</c>.
/// Built once (a contract resolver per call costs milliseconds); the contracts it builds are cached inside it.
/// </remarks>
internal sealed class GeminiContractResolver : DefaultContractResolver
{
    /// <summary>The types whose <c>content</c> may be a list of parts, and how to set their text and parts.</summary>
    private static readonly Dictionary<Type, IValueProvider> ContentProviders = new()
    {
        [typeof(ChatCompletionMessage)] = new PartsContentValueProvider<ChatCompletionMessage>(
            m => m.Content, (m, text) => m.Content = text, m => m.ContentParts, (m, parts) => m.ContentParts = parts),
        [typeof(ChatMessageDelta)] = new PartsContentValueProvider<ChatMessageDelta>(
            m => m.Content, (m, text) => m.Content = text, m => m.ContentParts, (m, parts) => m.ContentParts = parts),
    };

    public static GeminiContractResolver Instance { get; } = new();

    protected override JsonProperty CreateProperty(MemberInfo member, MemberSerialization memberSerialization)
    {
        var property = base.CreateProperty(member, memberSerialization);
        if (property.PropertyName == "content" && member.DeclaringType is { } type && ContentProviders.TryGetValue(type, out var provider))
        {
            property.Converter = TextOrPartsConverter.Instance;
            property.ValueProvider = provider;
        }

        return property;
    }

    /// <summary>Reads a string as itself (no wrapper on the hot path of a stream) and an array as its parts.</summary>
    private sealed class TextOrPartsConverter : JsonConverter
    {
        public static TextOrPartsConverter Instance { get; } = new();

        public override bool CanConvert(Type objectType) => objectType == typeof(string);

        public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer) =>
            reader.TokenType switch
            {
                JsonToken.Null => null,
                JsonToken.String => reader.Value,
                JsonToken.StartArray => ChatMessageContentConverter.ReadParts(reader, serializer),
                _ => throw ChatMessageContentConverter.NotContent(reader),
            };

        public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
        {
            if (value is IEnumerable<ChatContentPart> parts)
            {
                ChatMessageContentConverter.WriteParts(writer, parts, serializer);
            }
            else
            {
                writer.WriteValue((string?)value);
            }
        }
    }

    /// <summary>Content as JSON: the parts when the message has them, else the text. Read parts also set the text, joined.</summary>
    private sealed class PartsContentValueProvider<T> : IValueProvider
    {
        private readonly Func<T, string?> _getText;
        private readonly Action<T, string?> _setText;
        private readonly Func<T, IReadOnlyList<ChatContentPart>?> _getParts;
        private readonly Action<T, IReadOnlyList<ChatContentPart>?> _setParts;

        public PartsContentValueProvider(Func<T, string?> getText, Action<T, string?> setText, Func<T, IReadOnlyList<ChatContentPart>?> getParts, Action<T, IReadOnlyList<ChatContentPart>?> setParts)
        {
            _getText = getText;
            _setText = setText;
            _getParts = getParts;
            _setParts = setParts;
        }

        public object? GetValue(object target) => (object?)_getParts((T)target) ?? _getText((T)target);

        public void SetValue(object target, object? value)
        {
            if (value is List<ChatContentPart> parts)
            {
                _setParts((T)target, parts.AsReadOnly());
                _setText((T)target, PartsContent.TextOf(parts));
            }
            else
            {
                _setParts((T)target, null);
                _setText((T)target, (string?)value);
            }
        }
    }
}
