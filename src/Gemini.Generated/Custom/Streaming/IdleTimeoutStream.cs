using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Gemini.Generated;

/// <summary>
/// Cancels a read that waits longer than the idle timeout: a body or a stream that stalls fails instead of hanging. The timer
/// (on the client's <see cref="TimeProvider"/>) runs only while a read waits for bytes, not while the caller works on a chunk,
/// and not for reads the buffered bytes satisfy at once. It counts the bytes read, for the error message.
/// </summary>
internal sealed class IdleTimeoutStream : ReadOnlyStreamWrapper
{
    private readonly TimeSpan _timeout;
    private readonly ITimer? _timer;
    private volatile bool _timedOut;

    public IdleTimeoutStream(Stream inner, CancellationTokenSource idle, TimeSpan timeout, TimeProvider time)
        : base(inner)
    {
        _timeout = timeout;
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            _timer = time.CreateTimer(
                state =>
                {
                    var self = (IdleTimeoutStream)state!;
                    self._timedOut = true;
                    try
                    {
                        idle.Cancel();
                    }
                    catch (ObjectDisposedException)
                    {
                        // The read ended as the timer fired.
                    }
                },
                this,
                Timeout.InfiniteTimeSpan,
                Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The bytes read so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Whether the idle timeout cancelled a read.</summary>
    public bool TimedOut => _timedOut;

    public override int Read(byte[] buffer, int offset, int count) => Count(Inner.Read(buffer, offset, count));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        var read = Inner.ReadAsync(buffer, offset, count, cancellationToken);
        return read.Status == TaskStatus.RanToCompletion ? Task.FromResult(Count(read.Result)) : WaitAsync(read);
    }

#if NET5_0_OR_GREATER
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = Inner.ReadAsync(buffer, cancellationToken);
        return read.IsCompletedSuccessfully ? new ValueTask<int>(Count(read.Result)) : WaitAsync(read);
    }

    private async ValueTask<int> WaitAsync(ValueTask<int> read)
    {
        _timer?.Change(_timeout, Timeout.InfiniteTimeSpan);
        try
        {
            return Count(await read.ConfigureAwait(false));
        }
        finally
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }
#endif

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _timer?.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<int> WaitAsync(Task<int> read)
    {
        _timer?.Change(_timeout, Timeout.InfiniteTimeSpan);
        try
        {
            return Count(await read.ConfigureAwait(false));
        }
        finally
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    private int Count(int read)
    {
        BytesRead += read;
        return read;
    }
}
