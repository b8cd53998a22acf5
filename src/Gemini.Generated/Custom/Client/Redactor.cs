using System;

namespace Gemini.Generated;

/// <summary>Removes the API key from any text the SDK shows: error messages, kept bodies, logs.</summary>
internal sealed class Redactor
{
    public const string Mask = "[REDACTED]";

    private readonly string? _secret;

    public Redactor(string? secret)
    {
        _secret = string.IsNullOrEmpty(secret) ? null : secret;
    }

    public static Redactor None { get; } = new(null);

    public string? Redact(string? text)
    {
        if (text is null || _secret is null || text.IndexOf(_secret, StringComparison.Ordinal) < 0)
        {
            return text;
        }

        return text.Replace(_secret, Mask);
    }
}
