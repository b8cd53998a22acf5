using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace Gemini.Generated.Benchmarks;

/// <summary>In-process transport, as in the baseline: copies the request body to Stream.Null, answers a fresh ByteArrayContent over cached bytes.</summary>
public sealed class CachedResponseHandler : HttpMessageHandler
{
    private readonly byte[] _body;
    private readonly string _mediaType;

    public CachedResponseHandler(byte[] body, string mediaType)
    {
        _body = body;
        _mediaType = mediaType;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is not null)
        {
            await request.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }

        var content = new ByteArrayContent(_body);
        content.Headers.ContentType = new MediaTypeHeaderValue(_mediaType);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request };
    }
}
