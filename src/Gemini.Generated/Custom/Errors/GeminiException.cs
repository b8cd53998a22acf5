using System;

namespace Gemini.Generated;

/// <summary>
/// Base of every exception the SDK throws for a failed call, besides argument errors (<see cref="ArgumentException"/>, thrown
/// before anything is sent) and <see cref="OperationCanceledException"/> (the caller's own cancellation).
/// </summary>
public class GeminiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GeminiException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>A timeout of the SDK's own (per attempt, overall, or between stream events), as opposed to the caller's cancellation.</summary>
/// <remarks>A chat completion that timed out on the client may still have run, and been billed, on the server.</remarks>
public sealed class GeminiTimeoutException : GeminiException
{
    /// <summary>Creates the exception.</summary>
    public GeminiTimeoutException(string message, TimeSpan timeout, int attempts, Exception? innerException = null)
        : base(message, innerException)
    {
        Timeout = timeout;
        Attempts = attempts;
    }

    /// <summary>The limit that expired.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>How many HTTP attempts were made.</summary>
    public int Attempts { get; }
}

/// <summary>The service could not be reached, or the connection failed, after the retries the policy allows.</summary>
public sealed class GeminiNetworkException : GeminiException
{
    /// <summary>Creates the exception.</summary>
    public GeminiNetworkException(string message, int attempts, Exception? innerException = null)
        : base(message, innerException)
    {
        Attempts = attempts;
    }

    /// <summary>How many HTTP attempts were made.</summary>
    public int Attempts { get; }
}

/// <summary>The response was larger than <see cref="GeminiClientOptions.MaxResponseBytes"/>, and reading stopped.</summary>
public sealed class GeminiResponseTooLargeException : GeminiException
{
    /// <summary>Creates the exception.</summary>
    public GeminiResponseTooLargeException(long limit)
        : base($"The response is larger than the {limit} bytes allowed by GeminiClientOptions.MaxResponseBytes; reading stopped.")
    {
        Limit = limit;
    }

    /// <summary>The limit in bytes.</summary>
    public long Limit { get; }
}
