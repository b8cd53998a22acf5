using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Gemini.Generated.Tests.Support;

/// <summary>
/// Runs a call on a <see cref="FakeTimeProvider"/>: while the call has not ended, the fake clock moves on by a step, so that
/// whatever the SDK waits for (a timeout, a backoff, a Retry-After, an idle limit) happens without waiting on the wall clock.
/// The only real time spent is a pause of a few milliseconds between steps, so that the SDK reaches its next wait; no
/// assertion depends on it.
/// </summary>
internal static class FakeClock
{
    /// <summary>How long a call may take on the wall clock before the test fails as hung.</summary>
    private static readonly TimeSpan Hung = TimeSpan.FromSeconds(30);

    public static async Task<T> RunAsync<T>(FakeTimeProvider time, Task<T> call, TimeSpan step)
    {
        await RunAsync(time, (Task)call, step).ConfigureAwait(false);
        return await call.ConfigureAwait(false);
    }

    public static async Task RunAsync(FakeTimeProvider time, Task call, TimeSpan step)
    {
        var wall = Stopwatch.StartNew();
        while (!call.IsCompleted)
        {
            if (wall.Elapsed > Hung)
            {
                Assert.Fail($"The call did not end within {Hung.TotalSeconds} s on the wall clock, at {time.GetUtcNow():O} on the fake one.");
            }

            await Task.WhenAny(call, Task.Delay(5)).ConfigureAwait(false);
            if (!call.IsCompleted)
            {
                time.Advance(step);
            }
        }

        await call.ConfigureAwait(false);
    }
}
