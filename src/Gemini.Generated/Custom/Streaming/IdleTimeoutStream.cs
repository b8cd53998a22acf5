using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Gemini.Generated;

/// <summary>Cancels a read that waits longer than the idle timeout: a stream that stalls fails instead of hanging.</summary>
internal sealed class IdleTimeoutStream : Stream
{
    private readonly Stream _inner;
    private readonly CancellationTokenSource _idle;
    private readonly TimeSpan _timeout;

    public IdleTimeoutStream(Stream inner, CancellationTokenSource idle, TimeSpan timeout)
    {
        _inner = inner;
        _idle = idle;
        _timeout = timeout;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Arm();
        try
        {
            return await _inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Disarm();
        }
    }

#if NET5_0_OR_GREATER
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Arm();
        try
        {
            return await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Disarm();
        }
    }
#endif

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

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
