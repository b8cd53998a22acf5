using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace Gemini.Generated.Benchmarks;

/// <summary>
/// In-process transport for the scale and latency modes: answers every request with a stream of the given events, one event per
/// read. Before each event it awaits <c>beforeEvent(index)</c> (a delay, or a gate that holds the stream open); when a read
/// hands out an event's last byte, it calls <c>served(index, timestamp)</c>.
/// </summary>
public sealed class TrickleHandler(byte[][] events, Func<int, CancellationToken, Task> beforeEvent, Action<int, long>? served = null) : HttpMessageHandler
{
    private readonly byte[][] _events = events;
    private readonly Func<int, CancellationToken, Task> _beforeEvent = beforeEvent;
    private readonly Action<int, long>? _served = served;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }

        var content = new StreamContent(new TrickleStream(this));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }

    private sealed class TrickleStream(TrickleHandler handler) : Stream
    {
        private int _event;
        private int _offset;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var events = handler._events;
            if (_event == events.Length || buffer.IsEmpty)
            {
                return 0;
            }

            if (_offset == 0)
            {
                await handler._beforeEvent(_event, cancellationToken).ConfigureAwait(false);
            }

            var current = events[_event];
            var count = Math.Min(buffer.Length, current.Length - _offset);
            current.AsSpan(_offset, count).CopyTo(buffer.Span);
            _offset += count;
            if (_offset == current.Length)
            {
                handler._served?.Invoke(_event, Stopwatch.GetTimestamp());
                _event++;
                _offset = 0;
            }

            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
