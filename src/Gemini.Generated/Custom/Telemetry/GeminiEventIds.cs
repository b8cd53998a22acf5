using Microsoft.Extensions.Logging;

namespace Gemini.Generated;

/// <summary>
/// The <see cref="EventId"/>s of the lines the client logs to <see cref="GeminiClientOptions.Logger"/>. They are stable: filter
/// and alert on them. No line carries message contents or the API key.
/// </summary>
public static class GeminiEventIds
{
    /// <summary>1, Debug: an HTTP attempt got its response.</summary>
    public static EventId AttemptSucceeded { get; } = new(1, nameof(AttemptSucceeded));

    /// <summary>2, Warning: an HTTP attempt failed; the line says whether, and when, it is retried.</summary>
    public static EventId AttemptFailed { get; } = new(2, nameof(AttemptFailed));

    /// <summary>3, Information: a call ended with an answer; one line with the model, finish reason, tokens, cost, attempts and duration.</summary>
    public static EventId CallCompleted { get; } = new(3, nameof(CallCompleted));

    /// <summary>4, Warning: a call failed; the same line as <see cref="CallCompleted"/>, with the error's type and status.</summary>
    public static EventId CallFailed { get; } = new(4, nameof(CallFailed));
}
