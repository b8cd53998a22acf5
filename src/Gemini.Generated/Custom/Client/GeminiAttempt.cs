using System;

namespace Gemini.Generated;

/// <summary>One HTTP attempt of a call, as reported to <see cref="GeminiClientOptions.OnAttempt"/>.</summary>
public sealed class GeminiAttempt
{
    internal GeminiAttempt(int number, int? statusCode, Exception? error, TimeSpan duration, TimeSpan? retryDelay, string? clientRequestId)
    {
        Number = number;
        StatusCode = statusCode;
        Error = error;
        Duration = duration;
        RetryDelay = retryDelay;
        ClientRequestId = clientRequestId;
    }

    /// <summary>1 for the first attempt.</summary>
    public int Number { get; }

    /// <summary>The HTTP status, when a response arrived.</summary>
    public int? StatusCode { get; }

    /// <summary>What went wrong, when the attempt failed.</summary>
    public Exception? Error { get; }

    /// <summary>How long the attempt took.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The wait before the next attempt, when the attempt will be retried; otherwise null.</summary>
    public TimeSpan? RetryDelay { get; }

    /// <summary>True when another attempt follows.</summary>
    public bool WillRetry => RetryDelay is not null;

    /// <summary>The X-Client-Request-Id sent, if any.</summary>
    public string? ClientRequestId { get; }

    /// <summary>A one-line summary.</summary>
    public override string ToString() =>
        $"attempt {Number}: {(StatusCode is { } s ? s.ToString(System.Globalization.CultureInfo.InvariantCulture) : Error?.GetType().Name ?? "no response")} in {Duration.TotalMilliseconds:0} ms" +
        (RetryDelay is { } d ? $", retrying in {d.TotalMilliseconds:0} ms" : string.Empty);
}
