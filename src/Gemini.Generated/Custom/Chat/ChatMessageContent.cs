using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Newtonsoft.Json;

namespace Gemini.Generated;

/// <summary>
/// The content of a message: a string, or a list of parts (text, images, refusals). Serialized as the API expects:
/// a JSON string for text, a JSON array for parts. A string converts implicitly.
/// </summary>
/// <remarks>
/// CUSTOM: hand-written in place of the spec's anyOf string | array, which NSwag turns into an empty class
/// (referenced through excludedTypeNames in nswag.json). Immutable, so copies of a request can share it.
/// </remarks>
[JsonConverter(typeof(ChatMessageContentConverter))]
public sealed class ChatMessageContent
{
    private static readonly IReadOnlyList<ChatContentPart> NoParts = Array.Empty<ChatContentPart>();

    /// <summary>Empty text content.</summary>
    public ChatMessageContent()
        : this(string.Empty)
    {
    }

    /// <summary>Text content, sent as a JSON string.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public ChatMessageContent(string text)
    {
        Text = text ?? throw new ArgumentNullException(nameof(text));
        Parts = NoParts;
    }

    /// <summary>Content made of parts, sent as a JSON array.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="parts"/> or one of its items is null.</exception>
    public ChatMessageContent(IEnumerable<ChatContentPart> parts)
    {
        if (parts is null)
        {
            throw new ArgumentNullException(nameof(parts));
        }

        var list = parts.ToList();
        if (list.Any(p => p is null))
        {
            throw new ArgumentNullException(nameof(parts), "A content part is null.");
        }

        Parts = list.AsReadOnly();
    }

    /// <summary>Content made of parts, sent as a JSON array.</summary>
    public ChatMessageContent(params ChatContentPart[] parts)
        : this((IEnumerable<ChatContentPart>)parts)
    {
    }

    /// <summary>The text, when the content is a string; otherwise null.</summary>
    public string? Text { get; }

    /// <summary>The parts, when the content is a list; empty for text content.</summary>
    public IReadOnlyList<ChatContentPart> Parts { get; }

    /// <summary>True when the content is sent as a JSON string.</summary>
    public bool IsText => Text is not null;

    /// <summary>Wraps text; null stays null.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public static implicit operator ChatMessageContent?(string? text) => text is null ? null : new(text);

    /// <summary>The text, or the text parts joined, for display and logs.</summary>
    public override string ToString()
    {
        if (Text is not null)
        {
            return Text;
        }

        var text = new StringBuilder();
        foreach (var part in Parts)
        {
            switch (part)
            {
                case TextContentPart textPart:
                    text.Append(textPart.Text);
                    break;
                case RefusalContentPart refusal:
                    text.Append(refusal.Refusal);
                    break;
                case ImageContentPart:
                    text.Append("[image]");
                    break;
            }
        }

        return text.ToString();
    }
}

internal sealed class ChatMessageContentConverter : JsonConverter<ChatMessageContent>
{
    public override ChatMessageContent? ReadJson(JsonReader reader, Type objectType, ChatMessageContent? existingValue, bool hasExistingValue, JsonSerializer serializer) =>
        reader.TokenType switch
        {
            JsonToken.Null => null,
            JsonToken.String => new ChatMessageContent((string)reader.Value!),
            JsonToken.StartArray => new ChatMessageContent(ReadParts(reader, serializer)),
            _ => throw NotContent(reader),
        };

    public override void WriteJson(JsonWriter writer, ChatMessageContent? value, JsonSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else if (value.Text is not null)
        {
            writer.WriteValue(value.Text);
        }
        else
        {
            WriteParts(writer, value.Parts, serializer);
        }
    }

    private static List<ChatContentPart> ReadParts(JsonReader reader, JsonSerializer serializer) =>
        serializer.Deserialize<List<ChatContentPart>>(reader) ?? new List<ChatContentPart>();

    private static void WriteParts(JsonWriter writer, IEnumerable<ChatContentPart> parts, JsonSerializer serializer)
    {
        writer.WriteStartArray();
        foreach (var part in parts)
        {
            serializer.Serialize(writer, part, typeof(ChatContentPart));
        }

        writer.WriteEndArray();
    }

    private static JsonSerializationException NotContent(JsonReader reader) =>
        new($"Message content must be a string or an array of parts, found {reader.TokenType}.");
}
