using System;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace Gemini.Generated;

/// <summary>
/// The SDK's contract resolver: Newtonsoft's defaults, except that a response message's <c>content</c> (a string in the spec)
/// also reads a list of parts, as some services send it, and System.Text.Json values (a schema given as a <c>JsonNode</c>) are
/// written as the JSON they hold by <see cref="SystemTextJsonConverter"/>, attached once per type rather than looked up per value.
/// </summary>
/// <remarks>
/// CUSTOM: the spec types the content of a completion message and of a delta as a string, so the generated property is a string.
/// Changing its type would break every reader of <c>Content</c>; instead, this resolver reads that one property as any JSON value
/// and gives it a value provider that keeps the text in <c>Content</c> and the parts in <c>ContentParts</c>.
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

    protected override JsonContract CreateContract(Type objectType)
    {
        var contract = base.CreateContract(objectType);
        if (SystemTextJsonConverter.Handles(objectType))
        {
            contract.Converter = SystemTextJsonConverter.Instance;
        }

        return contract;
    }

    protected override JsonProperty CreateProperty(MemberInfo member, MemberSerialization memberSerialization)
    {
        var property = base.CreateProperty(member, memberSerialization);
        if (property.PropertyName == "content" && member.DeclaringType is { } type && ContentProviders.TryGetValue(type, out var provider))
        {
            // Read as any JSON value (a string stays a string; a list of parts arrives as a JArray), not through a converter,
            // which would cost each streamed delta a serializer proxy.
            property.PropertyType = typeof(object);
            property.ValueProvider = provider;
        }

        return property;
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
            if (value is JArray array)
            {
                var parts = array.ToObject<List<ChatContentPart>>(GeminiJson.Serializer) ?? new List<ChatContentPart>();
                _setParts((T)target, parts.AsReadOnly());
                _setText((T)target, PartsContent.TextOf(parts));
                return;
            }

            _setParts((T)target, null);
            _setText((T)target, value switch
            {
                null or string => (string?)value,
                JToken token => throw new JsonSerializationException($"Message content must be a string or an array of parts, found {token.Type}."),
                // A number or a boolean: read as its text, as Newtonsoft reads it into a string property.
                _ => Convert.ToString(value, CultureInfo.InvariantCulture),
            });
        }
    }
}
