using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Gemini.Generated;

/// <summary>
/// Reads a 200 body under the size limit and the idle limit: a body that stops arriving fails, naming the bytes it got. A
/// Content-Length over the limit never gets here: <see cref="GeminiTransport.ProcessResponse"/> refuses it first.
/// </summary>
internal static class BodyReader
{
    /// <summary>The body parsed as JSON (at most <see cref="GeminiTransport.MaxResponseBytes"/>).</summary>
    public static Task<JsonReadResult<T>> ReadJsonAsync<T>(HttpContent content, GeminiTransport transport, CallContext context, CancellationToken cancellationToken) =>
        ReadAsync(content, transport, context, (body, token) => JsonBodyReader.ReadAsync<T>(body, content.Headers.ContentLength, transport.MaxResponseBytes, token), cancellationToken);

    /// <summary>The first <paramref name="maxBytes"/> bytes of the body, as text.</summary>
    public static Task<string> ReadStartAsync(HttpContent content, int maxBytes, GeminiTransport transport, CallContext context, CancellationToken cancellationToken) =>
        ReadAsync(
            content,
            transport,
            context,
            async (body, token) =>
            {
                var buffer = new byte[maxBytes];
                var length = 0;
                int read;
                while (length < buffer.Length && (read = await body.ReadAsync(buffer, length, buffer.Length - length, token).ConfigureAwait(false)) > 0)
                {
                    length += read;
                }

                return Encoding.UTF8.GetString(buffer, 0, length);
            },
            cancellationToken);

    private static async Task<TResult> ReadAsync<TResult>(
        HttpContent content, GeminiTransport transport, CallContext context, Func<Stream, CancellationToken, Task<TResult>> read, CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var body = new IdleTimeoutStream(await HttpContentCompat.ReadStreamAsync(content, cancellationToken).ConfigureAwait(false), idle, transport.IdleTimeout, transport.Time);
        try
        {
            return await read(body, idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (body.TimedOut && !cancellationToken.IsCancellationRequested)
        {
            throw new GeminiTimeoutException(
                $"The response body stopped arriving: no data for {transport.IdleTimeout.TotalSeconds:0.###} s (GeminiClientOptions.StreamIdleTimeout) " +
                $"after {body.BytesRead} bytes. The request may have run, and been billed, on the server; it was not retried.",
                transport.IdleTimeout, context.Attempt, ex);
        }
    }
}
