using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Gemini.Generated.Tests.Support;

/// <summary>
/// Response content whose stream (or, with <c>gateTheOpening</c>, whose opening) waits for <c>gate</c>: the test decides when
/// the body arrives, and a faulted gate makes the read fail with its exception.
/// </summary>
internal sealed class GatedContent : HttpContent
{
    private readonly byte[] _body;
    private readonly Task _gate;
    private readonly bool _gateTheOpening;

    public GatedContent(byte[] body, string contentType, Task gate, bool gateTheOpening = false)
    {
        _body = body;
        _gate = gate;
        _gateTheOpening = gateTheOpening;
        Headers.TryAddWithoutValidation("Content-Type", contentType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_body, 0, _body.Length);

    protected override async Task<Stream> CreateContentReadStreamAsync()
    {
        if (_gateTheOpening)
        {
            await _gate.ConfigureAwait(false);
            return new MemoryStream(_body, writable: false);
        }

        return new GatedStream(_body, _gate);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}

/// <summary>A body whose reads wait for <c>gate</c>.</summary>
internal sealed class GatedStream : MemoryStream
{
    private readonly Task _gate;

    public GatedStream(byte[] body, Task gate)
        : base(body, writable: false)
    {
        _gate = gate;
    }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        await _gate.ConfigureAwait(false);
        return Read(buffer, offset, count);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _gate.ConfigureAwait(false);
        return Read(buffer.Span);
    }
}
