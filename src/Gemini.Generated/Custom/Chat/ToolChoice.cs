using System;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated;

/// <summary>
/// Which tool the model calls: a mode (<see cref="None"/>, <see cref="Auto"/>, <see cref="Required"/>), sent as a JSON string,
/// or a named function (<see cref="Function"/>), sent as <c>{"type":"function","function":{"name":...}}</c>.
/// </summary>
/// <remarks>CUSTOM: hand-written in place of the spec's anyOf string | object, which NSwag turns into an empty class.</remarks>
[JsonConverter(typeof(ToolChoiceConverter))]
public sealed class ToolChoice
{
    private ToolChoice(string? mode, string? functionName, JObject? other)
    {
        Mode = mode;
        FunctionName = functionName;
        Other = other;
    }

    /// <summary><c>none</c>: the model answers without calling a tool.</summary>
    public static ToolChoice None { get; } = new("none", null, null);

    /// <summary><c>auto</c>: the model decides whether to call tools.</summary>
    public static ToolChoice Auto { get; } = new("auto", null, null);

    /// <summary><c>required</c>: the model must call one or more tools.</summary>
    public static ToolChoice Required { get; } = new("required", null, null);

    /// <summary>The mode, when this choice is a mode; otherwise null.</summary>
    public string? Mode { get; }

    /// <summary>The function the model must call, when this choice names one; otherwise null.</summary>
    public string? FunctionName { get; }

    /// <summary>A choice of a shape this SDK does not know, kept as sent so it round-trips; otherwise null.</summary>
    public JObject? Other { get; }

    /// <summary>Forces the model to call the named function.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    public static ToolChoice Function(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ArgumentException("A function name is required.", nameof(name));
        }

        return new ToolChoice(null, name, null);
    }

    /// <summary>A mode by its wire value, including modes this SDK does not list.</summary>
    /// <exception cref="ArgumentException"><paramref name="mode"/> is null or empty.</exception>
    public static ToolChoice FromMode(string mode)
    {
        if (string.IsNullOrEmpty(mode))
        {
            throw new ArgumentException("A mode is required: none, auto or required.", nameof(mode));
        }

        return new ToolChoice(mode, null, null);
    }

    internal static ToolChoice FromOther(JObject other) => new(null, null, other);

    /// <summary>The mode, <c>function:name</c>, or the raw JSON.</summary>
    public override string ToString() => Mode ?? (FunctionName is not null ? "function:" + FunctionName : Other!.ToString(Formatting.None));
}

internal sealed class ToolChoiceConverter : JsonConverter<ToolChoice>
{
    public override ToolChoice? ReadJson(JsonReader reader, Type objectType, ToolChoice? existingValue, bool hasExistingValue, JsonSerializer serializer)
    {
        switch (reader.TokenType)
        {
            case JsonToken.Null:
                return null;
            case JsonToken.String:
                return ToolChoice.FromMode((string)reader.Value!);
            case JsonToken.StartObject:
                var json = JObject.Load(reader);
                var name = json["function"]?["name"];
                return (string?)json["type"] == "function" && name?.Type == JTokenType.String && json.Count == 2 && ((JObject)json["function"]!).Count == 1
                    ? ToolChoice.Function((string)name!)
                    : ToolChoice.FromOther(json);
            default:
                throw new JsonSerializationException($"tool_choice must be a string or an object, found {reader.TokenType}.");
        }
    }

    public override void WriteJson(JsonWriter writer, ToolChoice? value, JsonSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else if (value.Mode is not null)
        {
            writer.WriteValue(value.Mode);
        }
        else if (value.FunctionName is not null)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("type");
            writer.WriteValue("function");
            writer.WritePropertyName("function");
            writer.WriteStartObject();
            writer.WritePropertyName("name");
            writer.WriteValue(value.FunctionName);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        else
        {
            value.Other!.WriteTo(writer);
        }
    }
}
