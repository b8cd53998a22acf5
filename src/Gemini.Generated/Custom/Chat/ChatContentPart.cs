using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;

namespace Gemini.Generated;

// CUSTOM: builders for content parts, so that no one writes JSON by hand; a part of a type the spec does not list is read as an
// OtherContentPart instead of failing the response.
[JsonInheritanceFallback(typeof(OtherContentPart))]
public abstract partial class ChatContentPart
{
    internal IDictionary<string, object>? ExtensionFields => _additionalProperties;

    /// <summary>A text part.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static TextContentPart Text(string text) => new() { Text = text ?? throw new ArgumentNullException(nameof(text)) };

    /// <summary>An image the service downloads from <paramref name="url"/> (http, https or a data URI).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="url"/> is null.</exception>
    public static ImageContentPart Image(Uri url, ImageDetail? detail = null)
    {
        if (url is null)
        {
            throw new ArgumentNullException(nameof(url));
        }

        return new ImageContentPart { ImageUrl = new ImageUrl { Url = url.OriginalString, Detail = detail } };
    }

    /// <summary>An image sent inline as a base64 data URI.</summary>
    /// <param name="bytes">The image file's bytes.</param>
    /// <param name="mediaType">Its media type: image/png, image/jpeg, image/gif or image/webp.</param>
    /// <param name="detail">The detail level the model looks at it with.</param>
    /// <exception cref="ArgumentNullException"><paramref name="bytes"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is empty, or <paramref name="mediaType"/> is not an image type.</exception>
    public static ImageContentPart Image(byte[] bytes, string mediaType, ImageDetail? detail = null)
    {
        if (bytes is null)
        {
            throw new ArgumentNullException(nameof(bytes));
        }

        if (bytes.Length == 0)
        {
            throw new ArgumentException("The image is empty.", nameof(bytes));
        }

        if (string.IsNullOrEmpty(mediaType) || !mediaType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) || mediaType.IndexOfAny(new[] { ';', ',', ' ' }) >= 0)
        {
            throw new ArgumentException($"mediaType \"{mediaType}\" is not an image media type; allowed: image/png, image/jpeg, image/gif, image/webp.", nameof(mediaType));
        }

        return new ImageContentPart
        {
            ImageUrl = new ImageUrl { Url = "data:" + mediaType + ";base64," + Convert.ToBase64String(bytes), Detail = detail },
        };
    }
}

/// <summary>
/// A content part of a type the SDK does not model, such as a <c>thinking</c> part some services put before the answer: its
/// <see cref="Type"/>, and its other fields in <see cref="ChatContentPart.AdditionalProperties"/>. Sent back as it was received.
/// </summary>
public sealed class OtherContentPart : ChatContentPart, IOpenSubtype
{
    /// <summary>A part of type <paramref name="type"/>; put its fields in <see cref="ChatContentPart.AdditionalProperties"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is null or empty.</exception>
    public OtherContentPart(string type)
    {
        Type = string.IsNullOrEmpty(type) ? throw new ArgumentException("A content part needs a type.", nameof(type)) : type;
    }

    /// <summary>The part's <c>type</c>, as sent.</summary>
    [JsonIgnore]
    public string Type { get; }

    string IOpenSubtype.Tag => Type;
}

/// <summary>What the SDK reads from a message's content parts.</summary>
internal static class PartsContent
{
    /// <summary>The text parts joined; null when there is none.</summary>
    public static string? TextOf(IEnumerable<ChatContentPart> parts) => JoinOrNull(parts.OfType<TextContentPart>().Select(p => p.Text));

    /// <summary>The <c>thinking</c> parts' text joined (the shape Anthropic-style gateways use); null when there is none.</summary>
    public static string? ThinkingOf(IEnumerable<ChatContentPart>? parts) =>
        parts is null ? null : JoinOrNull(parts.OfType<OtherContentPart>().Where(p => p.Type == "thinking").Select(p => ExtensionData.String(p.AdditionalProperties, "thinking")));

    private static string? JoinOrNull(IEnumerable<string?> pieces)
    {
        var list = pieces.Where(p => p is not null).ToList();
        return list.Count == 0 ? null : string.Concat(list);
    }
}
