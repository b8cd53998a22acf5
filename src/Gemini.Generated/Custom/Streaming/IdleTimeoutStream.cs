using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Gemini.Generated;

/// <summary>
/// Cancels a read that waits longer than the idle timeout: a stream that stalls fails instead of hanging. The timer runs only
/// while a read waits for bytes, not while the caller works on a chunk, and not for reads the buffered bytes satisfy at once.
/// </summary>
internal sealed class IdleTimeoutStream : ReadOnlyStreamWrapper
{
    private readonly CancellationTokenSource _idle;
    private readonly TimeSpan _timeout;

    public IdleTimeoutStream(Stream inner, CancellationTokenSource idle, TimeSpan timeout)
        : base(inner)
    {
        _idle = idle;
        _timeout = timeout;
    }

    public override int Read(byte[] buffer, int offset, int count) => Inner.Read(buffer, offset, count);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        var read = Inner.ReadAsync(buffer, offset, count, cancellationToken);
        return read.IsCompleted ? read : WaitAsync(read);
    }

#if NET5_0_OR_GREATER
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = Inner.ReadAsync(buffer, cancellationToken);
        return read.IsCompleted ? read : WaitAsync(read);
    }

    private async ValueTask<int> WaitAsync(ValueTask<int> read)
    {
        Arm();
        try
        {
            return await read.ConfigureAwait(false);
        }
        finally
        {
            Disarm();
        }
    }
#endif

    private async Task<int> WaitAsync(Task<int> read)
    {
        Arm();
        try
        {
            return await read.ConfigureAwait(false);
        }
        finally
        {
            Disarm();
        }
    }

    private void Arm()
    {
        if (_timeout != Timeout.InfiniteTimeSpan)
        {
            _idle.CancelAfter(_timeout);
        }
    }

    private void Disarm()
    {
        if (_timeout != Timeout.InfiniteTimeSpan && !_idle.IsCancellationRequested)
        {
            _idle.CancelAfter(Timeout.InfiniteTimeSpan);
        }
    }
}
