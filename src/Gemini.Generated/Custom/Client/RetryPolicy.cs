using System;
using System.Collections.Generic;
using System.Linq;

namespace Gemini.Generated;

/// <summary>
/// When and how the client retries. The default retries twice (three attempts in all) on 408, 429, 500, 502, 503, 504 and on
/// connection failures before any response byte, with exponential backoff and full jitter (0.5 s doubling, capped at 8 s),
/// honouring Retry-After up to 60 s. It never retries 400, 401, 403 or 404, never retries a stream once its first byte arrived,
/// and draws every retry from a budget shared by the whole client, so that a sustained outage does not multiply the load.
/// </summary>
/// <remarks>
/// A client-side timeout is not retried by default (<see cref="RetryOnTimeout"/>): the service may still be generating, and
/// billing, the first attempt.
/// </remarks>
public sealed class RetryPolicy
{
    private static readonly int[] NeverRetried = { 400, 401, 403, 404 };

    /// <summary>The default policy, described on the type.</summary>
    public static RetryPolicy Default => new();

    /// <summary>No retries at all.</summary>
    public static RetryPolicy None => new() { MaxRetries = 0 };

    /// <summary>Retries after the first attempt. Default 2.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The backoff before the first retry; it doubles for each further retry. Default 0.5 s.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The largest backoff. Default 8 s.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// The longest wait a Retry-After header can ask for and still be retried. Default 60 s. A longer Retry-After ends the call at
    /// once with <see cref="AimlApiRateLimitException.RetryAfter"/> (or the status's <see cref="AimlApiException"/>) set: the
    /// client neither waits that long nor retries earlier than the service said.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Whether an attempt that hit <see cref="GeminiClientOptions.AttemptTimeout"/> before any response byte is retried. Default false.</summary>
    public bool RetryOnTimeout { get; set; }

    /// <summary>The statuses that are retried. Default 408, 429, 500, 502, 503, 504. 400, 401, 403 and 404 are not allowed.</summary>
    public ISet<int> RetryableStatusCodes { get; set; } = new HashSet<int> { 408, 429, 500, 502, 503, 504 };

    /// <summary>
    /// The size of the client-wide retry budget, in tokens. Each retry spends <see cref="RetryCost"/> (a timeout retry twice that);
    /// each success returns one token, or the whole cost when it succeeded on a retry. When the budget is empty, failures are
    /// returned without retrying. Default 100: 20 retries into a persistent outage. 0 turns the budget off.
    /// </summary>
    public int RetryBudget { get; set; } = 100;

    /// <summary>The tokens one retry spends from <see cref="RetryBudget"/>. Default 5.</summary>
    public int RetryCost { get; set; } = 5;

    internal RetryPolicy Clone() => new()
    {
        MaxRetries = MaxRetries,
        InitialBackoff = InitialBackoff,
        MaxBackoff = MaxBackoff,
        MaxRetryAfter = MaxRetryAfter,
        RetryOnTimeout = RetryOnTimeout,
        RetryableStatusCodes = new HashSet<int>(RetryableStatusCodes ?? new HashSet<int>()),
        RetryBudget = RetryBudget,
        RetryCost = RetryCost,
    };

    internal void Validate()
    {
        Require(MaxRetries >= 0, nameof(MaxRetries), MaxRetries, "0 or more");
        Require(InitialBackoff >= TimeSpan.Zero, nameof(InitialBackoff), InitialBackoff, "zero or more");
        Require(MaxBackoff >= InitialBackoff, nameof(MaxBackoff), MaxBackoff, "at least InitialBackoff");
        Require(MaxRetryAfter >= TimeSpan.Zero, nameof(MaxRetryAfter), MaxRetryAfter, "zero or more");
        Require(RetryBudget >= 0, nameof(RetryBudget), RetryBudget, "0 (off) or more");
        Require(RetryCost >= 1, nameof(RetryCost), RetryCost, "1 or more");
        if (RetryableStatusCodes is null)
        {
            throw new ArgumentNullException("RetryPolicy." + nameof(RetryableStatusCodes));
        }

        var forbidden = RetryableStatusCodes.Intersect(NeverRetried).OrderBy(s => s).ToArray();
        if (forbidden.Length > 0)
        {
            throw new ArgumentException(
                $"RetryPolicy.RetryableStatusCodes contains {string.Join(", ", forbidden)}; 400, 401, 403 and 404 are never retried: the same request would fail the same way.",
                "RetryPolicy." + nameof(RetryableStatusCodes));
        }
    }

    internal bool IsRetryable(int statusCode) => RetryableStatusCodes.Contains(statusCode);

    /// <summary>
    /// Whether the failed attempt <paramref name="attempt"/> (1 for the first) is retried: a retryable status whose Retry-After,
    /// if any, is within <see cref="MaxRetryAfter"/>; a connection failure before any response byte; an attempt timeout before
    /// any response byte when <see cref="RetryOnTimeout"/>. Never a 200, a broken body, a redirect or the total timeout.
    /// </summary>
    internal bool ShouldRetry(AttemptOutcome outcome, int attempt) =>
        attempt <= MaxRetries && outcome.Kind switch
        {
            OutcomeKind.Status => outcome.StatusCode is { } status && status != 200 && IsRetryable(status) && !(outcome.RetryAfter > MaxRetryAfter),
            OutcomeKind.AttemptTimeout => RetryOnTimeout && !outcome.ResponseStarted,
            OutcomeKind.ConnectFailure => true,
            _ => false,
        };

    /// <summary>The wait before retrying after attempt <paramref name="attempt"/>: the service's Retry-After, else <see cref="Backoff"/>.</summary>
    internal TimeSpan GetDelay(AttemptOutcome outcome, int attempt, double random) => outcome.RetryAfter ?? Backoff(attempt, random);

    /// <summary>The budget tokens a retry after this outcome spends: <see cref="RetryCost"/>, twice that after a timeout.</summary>
    internal int CostOf(AttemptOutcome outcome) => outcome.Kind == OutcomeKind.AttemptTimeout ? RetryCost * 2 : RetryCost;

    /// <summary>The budget tokens a success on attempt <paramref name="attempt"/> returns: one, or the whole cost after retries.</summary>
    internal int RefundFor(int attempt) => attempt > 1 ? RetryCost : 1;

    /// <summary>Full jitter: a random wait between zero and the exponential backoff for this retry.</summary>
    internal TimeSpan Backoff(int retry, double random)
    {
        var exponential = InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Max(0, retry - 1));
        var capped = Math.Min(exponential, MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * random);
    }

    /// <summary>The policy's settings, for logs.</summary>
    public override string ToString() =>
        $"RetryPolicy {{ MaxRetries = {MaxRetries}, InitialBackoff = {InitialBackoff}, MaxBackoff = {MaxBackoff}, MaxRetryAfter = {MaxRetryAfter}, " +
        $"RetryOnTimeout = {RetryOnTimeout}, RetryableStatusCodes = [{string.Join(", ", (RetryableStatusCodes ?? new HashSet<int>()).OrderBy(s => s))}], RetryBudget = {RetryBudget}, RetryCost = {RetryCost} }}";

    private static void Require(bool condition, string name, object value, string allowed)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException("RetryPolicy." + name, value, $"RetryPolicy.{name} is {value}; allowed: {allowed}.");
        }
    }
}
