using System;
using System.Threading;
using System.Threading.Tasks;

namespace Gemini.Generated;

/// <summary>
/// Every wait and every timer of the call path, read through <see cref="GeminiClientOptions.TimeProvider"/>, so that a test (the
/// SDK's or a user's) can drive them with a fake clock.
/// </summary>
internal static class Clock
{
    /// <summary>Waits <paramref name="delay"/> on the provider's clock.</summary>
    public static Task DelayAsync(TimeProvider time, TimeSpan delay, CancellationToken cancellationToken) =>
#if NET8_0_OR_GREATER
        Task.Delay(delay, time, cancellationToken);
#else
        time.Delay(delay, cancellationToken);
#endif

    /// <summary>
    /// Cancels <paramref name="cancellation"/> once <paramref name="delay"/> passed on the provider's clock; null for an infinite
    /// delay. Dispose the timer before the source.
    /// </summary>
    public static ITimer? CancelAfter(TimeProvider time, CancellationTokenSource cancellation, TimeSpan delay) =>
        delay == Timeout.InfiniteTimeSpan ? null : time.CreateTimer(Cancel, cancellation, delay, Timeout.InfiniteTimeSpan);

    /// <summary>A timer, stopped until <see cref="ITimer.Change"/> arms it, that cancels <paramref name="cancellation"/>.</summary>
    public static ITimer CancelWhenArmed(TimeProvider time, CancellationTokenSource cancellation) =>
        time.CreateTimer(Cancel, cancellation, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    private static void Cancel(object? state)
    {
        try
        {
            ((CancellationTokenSource)state!).Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call ended as the timer fired.
        }
    }
}
