using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Gemini.Generated;

/// <summary>Response content that stops reading at a byte limit, so a runaway body cannot exhaust memory.</summary>
internal sealed class LimitedContent : HttpContent
{
    /// <summary>Stream.CopyToAsync's own default.</summary>
    private const int CopyBufferSize = 81920;

    private readonly HttpContent _inner;
    private readonly long _limit;

    public LimitedContent(HttpContent inner, long limit)
    {
        _inner = inner;
        _limit = limit;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    // Overrides from .NET 5 on, which calls only these; the overloads above forward to them for netstandard2.0.
#if NET5_0_OR_GREATER
    protected override
#else
    private
#endif
    async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        using var source = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
        await source.CopyToAsync(stream, CopyBufferSize, cancellationToken).ConfigureAwait(false);
    }

#if NET5_0_OR_GREATER
    protected override
#else
    private
#endif
    async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        new LimitedStream(await HttpContentCompat.ReadStreamAsync(_inner, cancellationToken).ConfigureAwait(false), _limit);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>A read-only stream that throws <see cref="GeminiResponseTooLargeException"/> once more than the limit was read.</summary>
internal sealed class LimitedStream : ReadOnlyStreamWrapper
{
    private readonly long _limit;
    private long _read;

    public LimitedStream(Stream inner, long limit)
        : base(inner)
    {
        _limit = limit;
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(Inner.Read(buffer, offset, count));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(await Inner.ReadAsync(buffer, offset, count, cancellationToken).ConfigureAwait(false));

#if NET5_0_OR_GREATER
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override int Read(Span<byte> buffer) => Count(Inner.Read(buffer));
#endif

    private int Count(int read)
    {
        _read += read;
        if (_read > _limit)
        {
            throw new GeminiResponseTooLargeException(_limit);
        }

        return read;
    }
}
