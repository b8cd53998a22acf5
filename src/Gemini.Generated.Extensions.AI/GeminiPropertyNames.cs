namespace Microsoft.Extensions.AI;

/// <summary>
/// The keys under which the Gemini.Generated chat client puts what Microsoft.Extensions.AI has no property for: cost and tracing
/// ids in <see cref="ChatResponse.AdditionalProperties"/> (and on the last streaming update), a refusal in
/// <see cref="ChatMessage.AdditionalProperties"/>, reasoning tokens in <see cref="UsageDetails.AdditionalCounts"/>.
/// </summary>
public static class GeminiPropertyNames
{
    /// <summary>The provider name in <see cref="ChatClientMetadata.ProviderName"/> (and so in OpenTelemetry's <c>gen_ai.provider.name</c>).</summary>
    public const string ProviderName = "aimlapi";

    /// <summary>USD charged (<see cref="decimal"/>): <c>meta.usage.usd_spent</c>, else the <c>x-aimlapi-usd-spent</c> header.</summary>
    public const string UsdSpent = "UsdSpent";

    /// <summary>Credits charged (<see cref="decimal"/>): <c>meta.usage.credits_used</c>, else the <c>x-aimlapi-credits-used</c> header.</summary>
    public const string CreditsUsed = "CreditsUsed";

    /// <summary><c>x-inference-id</c> (<see cref="string"/>): the id the charge is recorded under.</summary>
    public const string InferenceId = "InferenceId";

    /// <summary><c>x-client-request-id</c> (<see cref="string"/>), when the service echoed one back.</summary>
    public const string ClientRequestId = "ClientRequestId";

    /// <summary>The model's refusal (<see cref="string"/>) on the assistant message; sent back as <c>refusal</c> on the next turn.</summary>
    public const string Refusal = "Refusal";

    /// <summary>
    /// Reasoning tokens in <see cref="UsageDetails.AdditionalCounts"/>, under the key Microsoft.Extensions.AI.OpenAI uses; the same
    /// count is in <see cref="UsageDetails.ReasoningTokenCount"/>.
    /// </summary>
    public const string ReasoningTokenCount = "OutputTokenDetails.ReasoningTokenCount";
}
