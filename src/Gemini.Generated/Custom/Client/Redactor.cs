using System;
using System.Text;

namespace Gemini.Generated;

/// <summary>
/// Removes the API key from any text the SDK shows: error messages, kept bodies, logs. A key of <see cref="AnywhereLength"/>
/// characters or more (every real key) is removed wherever it appears, even glued to other text (<c>Bearer%20KEY</c>); a
/// shorter one (a test key such as <c>k</c> or <c>test</c>) only where it stands as a whole token, so that "loopback" stays
/// "loopback".
/// </summary>
internal sealed class Redactor
{
    public const string Mask = "[REDACTED]";

    /// <summary>From this length on, text that contains the key contains it by no accident.</summary>
    internal const int AnywhereLength = 12;

    private readonly string? _secret;

    public Redactor(string? secret)
    {
        _secret = string.IsNullOrEmpty(secret) ? null : secret;
    }

    public string? Redact(string? text)
    {
        if (text is null || _secret is null)
        {
            return text;
        }

        StringBuilder? redacted = null;
        var copied = 0;
        for (var at = Find(text, 0); at >= 0; at = Find(text, copied))
        {
            redacted ??= new StringBuilder(text.Length);
            redacted.Append(text, copied, at - copied).Append(Mask);
            copied = at + _secret.Length;
        }

        return redacted is null ? text : redacted.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>
    /// The exception to attach as an inner exception: itself when no message in its chain holds the secret, else a stand-in with
    /// the messages redacted (an exception's ToString shows its inner exceptions).
    /// </summary>
    public Exception? Safe(Exception? exception)
    {
        if (exception is null || _secret is null)
        {
            return exception;
        }

        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (Find(current.Message, 0) >= 0)
            {
                return new GeminiException($"{exception.GetType().Name}: {Redact(exception.Message)}", Safe(exception.InnerException));
            }
        }

        return exception;
    }

    /// <summary>Where the key occurs in <paramref name="text"/> from <paramref name="start"/> on, as a token when it is short; -1 when it does not.</summary>
    private int Find(string text, int start)
    {
        var secret = _secret!;
        for (var at = text.IndexOf(secret, start, StringComparison.Ordinal); at >= 0; at = text.IndexOf(secret, at + 1, StringComparison.Ordinal))
        {
            var end = at + secret.Length;
            if (secret.Length >= AnywhereLength || ((at == 0 || !IsTokenChar(text[at - 1])) && (end == text.Length || !IsTokenChar(text[end]))))
            {
                return at;
            }
        }

        return -1;
    }

    /// <summary>What API keys are made of: a key next to one of these is part of a longer word, not the key.</summary>
    private static bool IsTokenChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-';
}
