using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Gemini.Generated.Benchmarks;

/// <summary>
/// <c>--latency</c>: the time from the read that hands out an event's last byte to the chunk reaching the caller's loop, per
/// contender. Events come 2 ms apart, one stream at a time; contenders take turns, round by round, so that noise from the
/// shared machine spreads over all of them. The first round warms up and is not counted.
/// </summary>
public static class LatencyMode
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(2);

    public static async Task RunAsync(int rounds, int chunks, TextWriter output)
    {
        var events = Payloads.StreamEvents(chunks);
        var served = new long[events.Length];
        var handler = new TrickleHandler(events, (_, cancellationToken) => Task.Delay(Interval, cancellationToken), (index, timestamp) => served[index] = timestamp);
        var contenders = Clients.Streams(() => new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan });
        var samples = contenders.Select(_ => new double[rounds * chunks]).ToArray();

        for (var round = -1; round < rounds; round++)
        {
            for (var c = 0; c < contenders.Count; c++)
            {
                var index = 0;
                await foreach (var _ in contenders[c].Start().ConfigureAwait(false))
                {
                    var now = Stopwatch.GetTimestamp();
                    if (round >= 0 && index < chunks)
                    {
                        samples[c][(round * chunks) + index] = Stopwatch.GetElapsedTime(served[index], now).TotalMicroseconds;
                    }

                    index++;
                }
            }
        }

        output.WriteLine($"{rounds} streams of {chunks} chunks per contender, events {Interval.TotalMilliseconds:0} ms apart: last byte handed out -> chunk in the caller's loop.");
        output.WriteLine();
        output.WriteLine("| contender | median | p99 |");
        output.WriteLine("| --- | --- | --- |");
        for (var c = 0; c < contenders.Count; c++)
        {
            var sorted = samples[c].Order().ToArray();
            output.WriteLine($"| {contenders[c].Name} | {Percentile(sorted, 0.50):0.0} µs | {Percentile(sorted, 0.99):0.0} µs |");
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
