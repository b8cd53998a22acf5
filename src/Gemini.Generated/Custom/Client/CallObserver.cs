using System;

namespace Gemini.Generated;

/// <summary>
/// A hook into every call of a client, on which tracing, metrics and logging are built. The client calls
/// <see cref="StartCall"/> once per call, after the request is prepared and checked and before anything is sent; the
/// returned <see cref="CallObservation"/> then sees each attempt, a stream's first chunk, and exactly one end.
/// </summary>
/// <remarks>One observer serves every call of a client at once: keep per-call state in the observation.</remarks>
internal abstract class CallObserver
{
    /// <summary>A call starts. <paramref name="body"/> is the request as it will be sent; never change it.</summary>
    /// <returns>The observation of this call, or null to observe nothing of it.</returns>
    public abstract CallObservation? StartCall(ChatCompletionRequest body, bool streaming, string? clientRequestId);
}

/// <summary>What an observer sees of one call. Every method has an empty default, so an observer overrides what it needs.</summary>
internal abstract class CallObservation
{
    /// <summary>An attempt ended; <see cref="GeminiAttempt.WillRetry"/> says whether another follows.</summary>
    public virtual void AttemptEnded(GeminiAttempt attempt)
    {
    }

    /// <summary>A stream's first chunk is about to reach the caller.</summary>
    public virtual void FirstChunk()
    {
    }

    /// <summary>
    /// The call ended, once per call. <paramref name="completion"/> is the answer (also when truncation then throws), or a
    /// failed stream's partial answer, or null; <paramref name="error"/> is null on success, else what the caller gets.
    /// </summary>
    public virtual void Ended(ChatCompletion? completion, Exception? error)
    {
    }
}
