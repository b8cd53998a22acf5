namespace Gemini.Generated;

/// <summary>What a completion cut off by the token limit (finish_reason "length") does.</summary>
public enum TruncationBehavior
{
    /// <summary>
    /// Throw <see cref="GeminiTruncationException"/> when the visible answer is empty: the case where reasoning used the whole
    /// budget. A non-empty truncated answer is returned, with <see cref="ChatCompletion.IsTruncated"/> set. The default.
    /// </summary>
    ThrowWhenEmpty = 0,

    /// <summary>Throw <see cref="GeminiTruncationException"/> whenever the answer was cut off.</summary>
    Throw = 1,

    /// <summary>Never throw; check <see cref="ChatCompletion.IsTruncated"/> yourself.</summary>
    Ignore = 2,
}
