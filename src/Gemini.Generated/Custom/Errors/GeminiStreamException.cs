using System;

namespace Gemini.Generated;

/// <summary>How a stream failed after it started.</summary>
public enum GeminiStreamFailure
{
    /// <summary>The service sent an error as an event.</summary>
    ServiceError,

    /// <summary>The connection broke before the stream ended.</summary>
    ConnectionLost,

    /// <summary>The stream ended with neither <c>[DONE]</c> nor a finish reason, or with <c>[DONE]</c> and no choice at all: the answer may be cut short.</summary>
    Incomplete,

    /// <summary>An event was not valid JSON.</summary>
    InvalidEvent,

    /// <summary>No byte arrived within <see cref="GeminiClientOptions.StreamIdleTimeout"/>.</summary>
    IdleTimeout,

    /// <summary>The stream passed <see cref="GeminiClientOptions.MaxResponseBytes"/>; the inner exception is <see cref="GeminiResponseTooLargeException"/>.</summary>
    ResponseTooLarge,
}

/// <summary>
/// A stream that started failed before it completed. <see cref="Partial"/> holds everything received until then, so nothing is
/// lost and a cut-off stream is never mistaken for a complete answer.
/// </summary>
public sealed class GeminiStreamException : GeminiException
{
    /// <summary>Creates the exception.</summary>
    public GeminiStreamException(string message, GeminiStreamFailure failure, ChatCompletion partial, string? serviceMessage = null, string? rawEvent = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
        Partial = partial ?? throw new ArgumentNullException(nameof(partial));
        ServiceMessage = serviceMessage;
        RawEvent = rawEvent;
    }

    /// <summary>What went wrong.</summary>
    public GeminiStreamFailure Failure { get; }

    /// <summary>The completion accumulated from the chunks received before the failure.</summary>
    public ChatCompletion Partial { get; }

    /// <summary>The service's message, for <see cref="GeminiStreamFailure.ServiceError"/>.</summary>
    public string? ServiceMessage { get; }

    /// <summary>The offending event's data, capped, for <see cref="GeminiStreamFailure.ServiceError"/> and <see cref="GeminiStreamFailure.InvalidEvent"/>.</summary>
    public string? RawEvent { get; }
}
