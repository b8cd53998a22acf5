using System.Globalization;

namespace Gemini.Generated;

/// <summary>
/// The answer was cut off by the token limit (finish_reason "length"). The message says how to raise the limit; the completion
/// received, with whatever text it has, is in <see cref="Completion"/>.
/// </summary>
public sealed class GeminiTruncationException : GeminiException
{
    /// <summary>Creates the exception for a truncated completion.</summary>
    public GeminiTruncationException(ChatCompletion completion)
        : base(Describe(completion))
    {
        Completion = completion;
        FinishReason = completion.FinishReason ?? default;
        TokenLimit = completion.TokenLimit;
        CompletionTokens = completion.CompletionTokens;
        ReasoningTokens = completion.ReasoningTokens;
    }

    /// <summary>The completion as received.</summary>
    public ChatCompletion Completion { get; }

    /// <summary>The finish reason, <see cref="Generated.FinishReason.Length"/> or another token-limit value.</summary>
    public FinishReason FinishReason { get; }

    /// <summary>The limit that was sent (<c>max_completion_tokens</c> or <c>max_tokens</c>); null when none was, and the service's 512 applied.</summary>
    public int? TokenLimit { get; }

    /// <summary>Completion tokens used, reasoning included.</summary>
    public int? CompletionTokens { get; }

    /// <summary>Of those, reasoning tokens.</summary>
    public int? ReasoningTokens { get; }

    /// <summary>True when the model spent the budget on reasoning and wrote no visible answer.</summary>
    public bool ReasoningExhaustedBudget => string.IsNullOrEmpty(Completion.Text) && ReasoningTokens > 0;

    private static string Describe(ChatCompletion completion)
    {
        var limit = completion.TokenLimit is { } sent
            ? $"the limit of {sent.ToString(CultureInfo.InvariantCulture)} tokens"
            : "the service's default limit of 512 tokens (no limit was sent)";
        var reasoning = completion.ReasoningTokens;
        var used = completion.CompletionTokens;
        var raise = "Raise the limit: set MaxCompletionTokens on the request, or GeminiClientOptions.DefaultMaxCompletionTokens" +
            (completion.TokenLimit is { } current ? $" (the limit sent was {current.ToString(CultureInfo.InvariantCulture)})." : ".");
        var reason = completion.FinishReason?.Value ?? "length";

        if (string.IsNullOrEmpty(completion.Text) && reasoning > 0)
        {
            return $"The answer is empty: the model spent {Count(reasoning)} tokens reasoning" +
                (used is not null ? $" ({Count(used)} completion tokens in all)" : string.Empty) +
                $" and reached {limit} before writing any visible text (finish_reason \"{reason}\"). {raise}";
        }

        if (string.IsNullOrEmpty(completion.Text))
        {
            return $"The answer is empty: the model reached {limit} before writing any visible text (finish_reason \"{reason}\"). {raise}";
        }

        return $"The answer was cut off at {limit} (finish_reason \"{reason}\"" +
            (used is not null ? $", {Count(used)} completion tokens" + (reasoning is not null ? $", {Count(reasoning)} of them reasoning" : string.Empty) : string.Empty) +
            $"). {raise}";
    }

    private static string Count(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "?";
}
