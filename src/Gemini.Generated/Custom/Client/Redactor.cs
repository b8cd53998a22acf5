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
            if (current.Message.IndexOf(_secret, StringComparison.Ordinal) >= 0)
            {
                return new GeminiException($"{exception.GetType().Name}: {Redact(exception.Message)}", Safe(exception.InnerException));
            }
        }

        return exception;
    }
}
