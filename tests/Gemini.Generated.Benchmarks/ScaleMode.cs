using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Gemini.Generated.Benchmarks;

/// <summary>
/// <c>--scale</c>: many streams held open at once against an in-process handler that trickles chunks, one contender at a time.
/// Each stream gets <see cref="Held"/> chunks, 20 ms apart, then waits for its next event, which comes only after the
/// measurement; then the rest arrive and every stream must end whole. Reported per open stream: the live managed memory after
/// a full collection while all are open, and the highest heap size seen (without forcing collections) while they opened.
/// </summary>
public static class ScaleMode
{
    private const int Chunks = 100;
    private const int Held = 20;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    public static async Task RunAsync(int streams, TextWriter output)
    {
        var events = Payloads.StreamEvents(Chunks);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new TrickleHandler(events, (index, cancellationToken) =>
            index < Held ? Task.Delay(Interval, cancellationToken) : index == Held ? gate.Task.WaitAsync(cancellationToken) : Task.CompletedTask);
        var contenders = Clients.Streams(() => new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan });

        output.WriteLine($"{streams} concurrent streams, each held open after {Held} of {Chunks} chunks (trickled {Interval.TotalMilliseconds:0} ms apart).");
        output.WriteLine();
        output.WriteLine("| contender | live managed memory per open stream (after full GC) | peak heap per open stream (sampled, no forced GC) |");
        output.WriteLine("| --- | --- | --- |");
        foreach (var (name, start) in contenders)
        {
            // Warm up (JIT, pools, the type caches) with the gate open, then measure with a closed one.
            gate.TrySetResult();
            await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => ConsumeAsync(start, null))));
            gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var (live, peak) = await MeasureAsync(streams, start, gate);
            output.WriteLine($"| {name} | {live / streams / 1024.0:0.0} KB | {peak / streams / 1024.0:0.0} KB |");
        }
    }

    private static async Task<(long Live, long Peak)> MeasureAsync(int streams, Func<IAsyncEnumerable<object>> start, TaskCompletionSource gate)
    {
        var reached = 0;
        var allHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnHeld()
        {
            if (Interlocked.Increment(ref reached) == streams)
            {
                allHeld.TrySetResult();
            }
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
                await Task.Delay(2).ConfigureAwait(false);
            }
        });

        var consumers = Enumerable.Range(0, streams).Select(_ => Task.Run(() => ConsumeAsync(start, OnHeld))).ToArray();
        await allHeld.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await Task.Delay(200);
        var live = GC.GetTotalMemory(forceFullCollection: true);
        sampling.Cancel();
        await sampler;

        gate.TrySetResult();
        var counts = await Task.WhenAll(consumers);
        if (counts.Any(c => c < Chunks))
        {
            throw new InvalidOperationException($"A stream ended early: {counts.Min()} of {Chunks} chunks.");
        }

        return (live - before, peak - before);
    }

    private static async Task<int> ConsumeAsync(Func<IAsyncEnumerable<object>> start, Action? onHeld)
    {
        var count = 0;
        await foreach (var _ in start().ConfigureAwait(false))
        {
            if (++count == Held)
            {
                onHeld?.Invoke();
            }
        }

        return count;
    }
}
