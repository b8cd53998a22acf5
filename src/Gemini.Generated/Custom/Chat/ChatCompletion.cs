using System.Linq;
using Newtonsoft.Json;

namespace Gemini.Generated;

// CUSTOM: the first choice's answer, truncation, token counts, cost and tracing ids on the generated result.
/// <summary>A chat completion: the choices, usage and cost, and the HTTP response it came in.</summary>
public partial class ChatCompletion
{
    internal System.Collections.Generic.IDictionary<string, object>? ExtensionFields => _additionalProperties;

    /// <summary>The first choice, or null when the service sent none.</summary>
    [JsonIgnore]
    public ChatChoice? FirstChoice => Choices?.FirstOrDefault();

    /// <summary>The first choice's visible answer; empty when there is none (for example a tool call).</summary>
    [JsonIgnore]
    public string Text => FirstChoice?.Message?.Content ?? string.Empty;

    /// <summary>The first choice's reasoning, when the service sends it as text (see <see cref="ChatCompletionMessage.ReasoningText"/>); otherwise null.</summary>
    [JsonIgnore]
    public string? ReasoningText => FirstChoice?.Message?.ReasoningText;

    /// <summary>The first choice's finish reason.</summary>
    [JsonIgnore]
    public FinishReason? FinishReason => FirstChoice?.FinishReason;

    /// <summary>True when the token limit cut the answer off (finish_reason "length").</summary>
    [JsonIgnore]
    public bool IsTruncated => FinishReason?.IsTokenLimit == true;

    /// <summary>Prompt tokens, from usage.</summary>
    [JsonIgnore]
    public int? PromptTokens => Usage?.PromptTokens;

    /// <summary>Completion tokens (visible and reasoning), from usage.</summary>
    [JsonIgnore]
    public int? CompletionTokens => Usage?.CompletionTokens;

    /// <summary>Reasoning tokens, from usage: spent before the answer, counted in <see cref="CompletionTokens"/> and in the limit.</summary>
    [JsonIgnore]
    public int? ReasoningTokens => Usage?.CompletionTokensDetails?.ReasoningTokens;

    /// <summary>Credits charged: <c>meta.usage.credits_used</c> when the body has it, else the <c>x-aimlapi-credits-used</c> header.</summary>
    [JsonIgnore]
    public decimal? CreditsUsed => Meta?.Usage?.CreditsUsed ?? ResponseInfo?.CreditsUsed;

    /// <summary>USD charged: <c>meta.usage.usd_spent</c> when the body has it, else the <c>x-aimlapi-usd-spent</c> header.</summary>
    [JsonIgnore]
    public decimal? UsdSpent => Meta?.Usage?.UsdSpent ?? ResponseInfo?.UsdSpent;

    /// <summary><c>x-inference-id</c>: the id the charge is recorded under.</summary>
    [JsonIgnore]
    public string? InferenceId => ResponseInfo?.InferenceId;

    /// <summary>The X-Client-Request-Id the service echoed back.</summary>
    [JsonIgnore]
    public string? ClientRequestId => ResponseInfo?.ClientRequestId;

    /// <summary>Status and headers of the HTTP response this completion came in; null for a completion built by hand.</summary>
    [JsonIgnore]
    public ResponseInfo? ResponseInfo { get; set; }

    /// <summary>The token limit the request carried (<c>max_completion_tokens</c>, else <c>max_tokens</c>); null when none was sent.</summary>
    [JsonIgnore]
    public int? TokenLimit { get; set; }

    /// <summary>Throws <see cref="GeminiTruncationException"/> when the answer was cut off by the token limit; otherwise returns this completion.</summary>
    /// <exception cref="GeminiTruncationException">The answer was truncated.</exception>
    public ChatCompletion EnsureNotTruncated()
    {
        if (IsTruncated)
        {
            throw new GeminiTruncationException(this);
        }

        return this;
    }

    internal void ApplyTruncationBehavior(TruncationBehavior behavior)
    {
        var throws = behavior switch
        {
            TruncationBehavior.Throw => IsTruncated,
            TruncationBehavior.ThrowWhenEmpty => IsTruncated && string.IsNullOrEmpty(Text) && FirstChoice?.Message?.ToolCalls is not { Count: > 0 },
            _ => false,
        };
        if (throws)
        {
            throw new GeminiTruncationException(this);
        }
    }
}
