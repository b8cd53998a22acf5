using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Reflection;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace Gemini.Generated;

/// <summary>
/// Serializes the generated discriminated hierarchies (messages by <c>role</c>, content parts and response formats by <c>type</c>).
/// </summary>
/// <remarks>
/// CUSTOM: replaces NSwag's JsonInheritanceConverter (excluded in nswag.json), which is public, builds a JObject for every
/// object it writes and relies on thread-static flags to avoid recursing into itself. This one writes the tag first and then the
/// object's own properties straight to the writer, and reads an unknown tag as the hierarchy's fallback type
/// (<see cref="JsonInheritanceFallbackAttribute"/>) or, when it has none, names the allowed tags.
/// </remarks>
internal sealed class JsonInheritanceConverter : JsonConverter
{
    private static readonly ConcurrentDictionary<Type, (string Tag, Type Type)[]> Subtypes = new();
    private static readonly ConcurrentDictionary<Type, Type?> Fallbacks = new();

    private readonly string _discriminator;

    public JsonInheritanceConverter(string discriminatorName)
    {
        _discriminator = discriminatorName;
    }

    public override bool CanConvert(Type objectType) => true;

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNull();
            return;
        }

        var type = value.GetType();
        var contract = (JsonObjectContract)serializer.ContractResolver.ResolveContract(type);
        writer.WriteStartObject();
        writer.WritePropertyName(_discriminator);
        writer.WriteValue(value is IOpenSubtype open ? open.Tag : TagOf(type));
        foreach (var property in contract.Properties)
        {
            if (property.Ignored || !property.Readable || property.PropertyName == _discriminator ||
                (property.ShouldSerialize is not null && !property.ShouldSerialize(value)))
            {
                continue;
            }

            var propertyValue = property.ValueProvider!.GetValue(value);
            if (propertyValue is null && (property.NullValueHandling ?? serializer.NullValueHandling) == NullValueHandling.Ignore)
            {
                continue;
            }

            writer.WritePropertyName(property.PropertyName!);
            if (propertyValue is not null && property.Converter is { CanWrite: true } converter)
            {
                converter.WriteJson(writer, propertyValue, serializer);
            }
            else
            {
                serializer.Serialize(writer, propertyValue, property.PropertyType);
            }
        }

        if (contract.ExtensionDataGetter?.Invoke(value) is { } extensionData)
        {
            foreach (var item in extensionData)
            {
                if (item.Key is string key && key != _discriminator)
                {
                    writer.WritePropertyName(key);
                    serializer.Serialize(writer, item.Value);
                }
            }
        }

        writer.WriteEndObject();
    }

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        if (reader.TokenType == JsonToken.Null)
        {
            return null;
        }

        var json = JObject.Load(reader);
        var tag = json[_discriminator]?.Type == JTokenType.String ? (string?)json[_discriminator] : null;
        var subtypes = SubtypesOf(objectType);
        var match = subtypes.FirstOrDefault(s => s.Tag == tag);
        object result;
        if (match.Type is not null)
        {
            result = Create(match.Type, serializer);
        }
        else if (!objectType.IsAbstract && subtypes.Any(s => s.Type == objectType))
        {
            result = Create(objectType, serializer);
        }
        else if (tag is not null && Fallbacks.GetOrAdd(objectType, t => t.GetCustomAttribute<JsonInheritanceFallbackAttribute>(inherit: true)?.Type) is { } fallback)
        {
            result = Activator.CreateInstance(fallback, tag)!;
        }
        else
        {
            throw new JsonSerializationException(
                $"Cannot read {objectType.Name}: '{_discriminator}' is {(tag is null ? "missing" : "'" + tag + "'")}; expected one of {string.Join(", ", subtypes.Select(s => s.Tag))}.");
        }

        json.Remove(_discriminator);
        using (var objectReader = json.CreateReader())
        {
            serializer.Populate(objectReader, result);
        }

        return result;
    }

    private static object Create(Type type, JsonSerializer serializer) =>
        ((JsonObjectContract)serializer.ContractResolver.ResolveContract(type)).DefaultCreator!();

    private string TagOf(Type type)
    {
        foreach (var (tag, subtype) in SubtypesOf(type))
        {
            if (subtype == type)
            {
                return tag;
            }
        }

        throw new JsonSerializationException($"{type.Name} has no '{_discriminator}' value.");
    }

    private static (string Tag, Type Type)[] SubtypesOf(Type type) =>
        Subtypes.GetOrAdd(type, t => t.GetCustomAttributes<JsonInheritanceAttribute>(inherit: true).Select(a => (a.Key, a.Type)).ToArray());
}

/// <summary>The type an unknown tag of a hierarchy is read as: it takes the tag in its constructor and implements <see cref="IOpenSubtype"/>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
internal sealed class JsonInheritanceFallbackAttribute : Attribute
{
    public JsonInheritanceFallbackAttribute(Type type)
    {
        Type = type;
    }

    public Type Type { get; }
}

/// <summary>A subtype that carries its own tag: the fallback of a hierarchy, which stands for any tag the SDK does not know.</summary>
internal interface IOpenSubtype
{
    string Tag { get; }
}
