using System;
using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated;

/// <summary>
/// Writes System.Text.Json values (<see cref="System.Text.Json.Nodes.JsonNode"/>, <see cref="System.Text.Json.JsonElement"/>,
/// <see cref="System.Text.Json.JsonDocument"/>) as the JSON they hold, wherever a request carries them: a schema, tool parameters,
/// an extra field. Without it Newtonsoft.Json walks their .NET properties and fails with "Self referencing loop detected".
/// </summary>
internal sealed class SystemTextJsonConverter : JsonConverter
{
    public static SystemTextJsonConverter Instance { get; } = new();

    public static bool Handles(Type type) =>
        typeof(System.Text.Json.Nodes.JsonNode).IsAssignableFrom(type) ||
        type == typeof(System.Text.Json.JsonElement) || type == typeof(System.Text.Json.JsonElement?) ||
        type == typeof(System.Text.Json.JsonDocument);

    public override bool CanConvert(Type objectType) => Handles(objectType);

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        var json = value switch
        {
            null => null,
            System.Text.Json.Nodes.JsonNode node => node.ToJsonString(),
            System.Text.Json.JsonElement element => element.ValueKind == System.Text.Json.JsonValueKind.Undefined ? null : element.GetRawText(),
            System.Text.Json.JsonDocument document => document.RootElement.GetRawText(),
            _ => throw new JsonSerializationException($"{value.GetType()} is not a System.Text.Json value."),
        };

        if (json is null)
        {
            writer.WriteNull();
        }
        else if (writer is JsonTextWriter)
        {
            writer.WriteRawValue(json);
        }
        else
        {
            // A token writer (JObject.FromObject): the value becomes tokens, read exactly as written.
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Decimal };
            JToken.ReadFrom(reader).WriteTo(writer);
        }
    }

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        if (reader.TokenType == JsonToken.Null)
        {
            return objectType == typeof(System.Text.Json.JsonElement) ? default(System.Text.Json.JsonElement) : null;
        }

        var json = JToken.ReadFrom(reader).ToString(Formatting.None);
        if (typeof(System.Text.Json.Nodes.JsonNode).IsAssignableFrom(objectType))
        {
            return System.Text.Json.Nodes.JsonNode.Parse(json);
        }

        if (objectType == typeof(System.Text.Json.JsonDocument))
        {
            return System.Text.Json.JsonDocument.Parse(json);
        }

        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
