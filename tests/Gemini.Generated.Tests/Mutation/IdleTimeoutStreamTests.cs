using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>
/// The idle limit on a body, on a fake clock: it runs only while a read waits for bytes, never while the caller works between
/// reads, and disposing the stream stops it and closes the body.
/// </summary>
public class IdleTimeoutStreamTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(30);

    [TestCase(false)]
    [TestCase(true)]
    public async Task TheLimit_RunsOnlyWhileAReadWaits(bool memory)
    {
        var time = new FakeTimeProvider();
        using var idle = new CancellationTokenSource();
        var body = new GateStream();
        using var stream = new IdleTimeoutStream(body, idle, Idle, time);

        var first = Read(stream, memory);
        time.Advance(Idle - TimeSpan.FromSeconds(1));
        body.Deliver(3);
        Assert.That(await first, Is.EqualTo(3));
        time.Advance(TimeSpan.FromMinutes(10));

        Assert.That(idle.IsCancellationRequested, Is.False, "the caller took ten minutes between reads; that is not idle");
        Assert.That(stream.TimedOut, Is.False);
        Assert.That(stream.BytesRead, Is.EqualTo(3));

        var second = Read(stream, memory);
        time.Advance(Idle);

        Assert.That(idle.IsCancellationRequested, Is.True, "a read that waits the whole limit is cancelled");
        Assert.That(stream.TimedOut, Is.True);
        body.Deliver(0);
        await second;
    }

    [Test]
    public void Dispose_StopsTheLimitAndClosesTheBody()
    {
        var time = new FakeTimeProvider();
        using var idle = new CancellationTokenSource();
        var body = new GateStream();
        var stream = new IdleTimeoutStream(body, idle, Idle, time);
        _ = Read(stream, memory: false);

        stream.Dispose();
        time.Advance(Idle * 2);

        Assert.That(body.Disposed, Is.True);
        Assert.That(idle.IsCancellationRequested, Is.False);
    }

    private static Task<int> Read(Stream stream, bool memory) =>
        memory ? stream.ReadAsync(new byte[8].AsMemory()).AsTask() : stream.ReadAsync(new byte[8], 0, 8, CancellationToken.None);

    /// <summary>A body whose reads wait until the test delivers bytes.</summary>
    private sealed class GateStream : Stream
    {
        private TaskCompletionSource<int> _pending = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Disposed { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public void Deliver(int count)
        {
            var pending = _pending;
            _pending = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            pending.SetResult(count);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _pending.Task;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(_pending.Task);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
