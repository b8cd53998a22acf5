using System;
using System.Text.RegularExpressions;

namespace Gemini.Generated;

/// <summary>Settings for one call, beside the request body.</summary>
public sealed class ChatRequestOptions
{
    /// <summary>The longest <see cref="ClientRequestId"/> the service keeps.</summary>
    public const int MaxClientRequestIdLength = 128;

    // \z, not $: $ also matches before a final newline, which would put "\n" into a header.
    private static readonly Regex ClientRequestIdPattern = new(@"^[A-Za-z0-9._:-]{1,128}\z", RegexOptions.CultureInvariant);

    /// <summary>
    /// Sent as <c>X-Client-Request-Id</c>; the service stores it and echoes it back, for correlating your logs with the charge.
    /// 1 to 128 characters of <c>A-Z a-z 0-9 . _ : -</c>: the service silently drops any other value (and still runs and bills the
    /// request), so the client refuses it before sending.
    /// </summary>
    public string? ClientRequestId { get; set; }

    /// <summary>Overrides <see cref="GeminiClientOptions.TruncationBehavior"/> for this call.</summary>
    public TruncationBehavior? TruncationBehavior { get; set; }

    /// <summary>Whether the service keeps <paramref name="id"/> as an X-Client-Request-Id: 1 to 128 characters of <c>A-Z a-z 0-9 . _ : -</c>.</summary>
    public static bool IsValidClientRequestId(string? id) => id is not null && ClientRequestIdPattern.IsMatch(id);

    internal static void ValidateClientRequestId(string? id, string parameterName)
    {
        if (id is not null && !IsValidClientRequestId(id))
        {
            var shown = id.Length > 40 ? id.Substring(0, 40) + "..." : id;
            shown = shown.Replace("\r", "\\r").Replace("\n", "\\n");
            throw new ArgumentException(
                $"{parameterName} \"{shown}\" ({id.Length} characters) is not a valid X-Client-Request-Id; allowed: 1 to {MaxClientRequestIdLength} characters of A-Z a-z 0-9 . _ : - " +
                "(the service would silently drop it and still bill the request).",
                parameterName);
        }
    }
}
