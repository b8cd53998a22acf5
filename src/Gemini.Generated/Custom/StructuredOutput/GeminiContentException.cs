using System;

namespace Gemini.Generated;

/// <summary>
/// The answer could not be read as the type asked for (<see cref="ChatCompletion.GetContent{T}"/>): it is empty, refused, cut
/// off, or JSON of another shape. The call itself succeeded and was billed; the answer is in <see cref="Completion"/>.
/// </summary>
public sealed class GeminiContentException : GeminiException
{
    /// <summary>Creates the exception.</summary>
    public GeminiContentException(string message, ChatCompletion completion, Type targetType, Exception? innerException = null)
        : base(message, innerException)
    {
        Completion = completion;
        TargetType = targetType;
    }

    /// <summary>The completion whose answer did not fit.</summary>
    public ChatCompletion Completion { get; }

    /// <summary>The type the answer was read as.</summary>
    public Type TargetType { get; }
}
