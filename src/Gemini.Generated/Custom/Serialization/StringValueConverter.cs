using System;
using Newtonsoft.Json;

namespace Gemini.Generated;

/// <summary>Reads and writes an extensible string value type as a JSON string, keeping any value the service sends.</summary>
internal abstract class StringValueConverter<T> : JsonConverter
    where T : struct
{
    public override bool CanConvert(Type objectType) => objectType == typeof(T) || objectType == typeof(T?);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        switch (reader.TokenType)
        {
            case JsonToken.Null:
            case JsonToken.Undefined:
                return objectType == typeof(T) ? default(T) : null;
            case JsonToken.String:
                return Create((string)reader.Value!);
            case JsonToken.Integer:
            case JsonToken.Float:
            case JsonToken.Boolean:
                // Not a string, but still a value worth keeping rather than failing the whole response.
                return Create(Convert.ToString(reader.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
            default:
                reader.Skip();
                return objectType == typeof(T) ? default(T) : null;
        }
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNull();
            return;
        }

        writer.WriteValue(value.ToString());
    }

    protected abstract T Create(string value);
}
