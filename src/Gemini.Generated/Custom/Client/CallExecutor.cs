using System;
using System.Threading;
using System.Threading.Tasks;

namespace Gemini.Generated;

/// <summary>
/// Runs a call's attempts: a timer per attempt (the attempt timeout, or the rest of the total if sooner), the outcome of each
/// failure from <see cref="OutcomeClassifier"/>, retries as <see cref="RetryPolicy"/> decides, drawn from the shared
/// <see cref="RetryBudget"/>, and each attempt reported to the call's observers.
/// </summary>
internal sealed class CallExecutor
{
    private static readonly object RandomLock = new();
    private static readonly Random Jitter = new();

    private readonly GeminiClientOptions _options;
    private readonly OutcomeClassifier _classifier;
    private readonly RetryBudget _budget;
    private readonly TimeProvider _time;

    public CallExecutor(GeminiClientOptions options, OutcomeClassifier classifier)
    {
        _options = options;
        _classifier = classifier;
        _budget = new RetryBudget(options.RetryPolicy.RetryBudget);
        _time = options.TimeProvider;
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> until it succeeds or fails for good. The attempt gets <paramref name="state"/> so that the
    /// caller can pass a static lambda: no closure and no delegate are allocated per call.
    /// </summary>
    public async Task<T> ExecuteAsync<TState, T>(
        Func<TState, CallContext, CancellationToken, Task<T>> attempt, TState state, CallContext context, CancellationToken cancellationToken)
    {
        var policy = _options.RetryPolicy;
        var totalTimeout = _options.TotalTimeout;
        var callStart = _time.GetTimestamp();

        for (var number = 1; ; number++)
        {
            context.StartAttempt(number);
            var started = _time.GetTimestamp();
            var remaining = Remaining(totalTimeout, _time.GetElapsedTime(callStart));
            var attemptLimit = Shorter(_options.AttemptTimeout, remaining);
            var limitedByTotal = remaining != Timeout.InfiniteTimeSpan && attemptLimit == remaining && attemptLimit != _options.AttemptTimeout;
            AttemptOutcome outcome;
            using (var cancellation = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken) : new CancellationTokenSource())
            {
                using var timer = Clock.CancelAfter(_time, cancellation, attemptLimit);
                try
                {
                    var result = await attempt(state, context, cancellation.Token).ConfigureAwait(false);
                    _budget.Release(policy.RefundFor(number));
                    Report(context, null, started, null);
                    return result;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    Report(context, null, started, null);
                    throw;
                }
                catch (Exception ex) when (ex is not ArgumentException)
                {
                    outcome = _classifier.Classify(ex, context, cancellation.IsCancellationRequested, limitedByTotal);
                }
            }

            TimeSpan? delay = null;
            if (policy.ShouldRetry(outcome, number) && _budget.TryAcquire(policy.CostOf(outcome)))
            {
                delay = policy.GetDelay(outcome, number, NextRandom());
                if (totalTimeout != Timeout.InfiniteTimeSpan && _time.GetElapsedTime(callStart) + delay.Value >= totalTimeout)
                {
                    // The wait would outlast the call's total time: return the failure now.
                    delay = null;
                }
            }

            Report(context, outcome.Error, started, delay);
            if (delay is null)
            {
                throw outcome.Error;
            }

            await Clock.DelayAsync(_time, delay.Value, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Report(CallContext context, Exception? error, long started, TimeSpan? retryDelay)
    {
        if (!context.Observations.IsEmpty)
        {
            context.Observations.AttemptEnded(new GeminiAttempt(context.Attempt, context.StatusCode, error, _time.GetElapsedTime(started), retryDelay, context.ClientRequestId));
        }
    }

    private static TimeSpan Remaining(TimeSpan total, TimeSpan elapsed) =>
        total == Timeout.InfiniteTimeSpan ? total : total - elapsed > TimeSpan.Zero ? total - elapsed : TimeSpan.FromMilliseconds(1);

    private static TimeSpan Shorter(TimeSpan a, TimeSpan b) =>
        a == Timeout.InfiniteTimeSpan ? b : b == Timeout.InfiniteTimeSpan ? a : a < b ? a : b;

    private static double NextRandom()
    {
        lock (RandomLock)
        {
            return Jitter.NextDouble();
        }
    }
}
