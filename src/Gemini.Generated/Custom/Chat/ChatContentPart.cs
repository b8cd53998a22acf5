using System;

namespace Gemini.Generated;

// CUSTOM: builders for content parts, so that no one writes JSON by hand.
public abstract partial class ChatContentPart
{
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
