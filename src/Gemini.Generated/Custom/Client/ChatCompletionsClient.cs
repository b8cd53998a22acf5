using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Gemini.Generated;

// CUSTOM: the generated transport (internal; className in nswag.json) is created per call with the call's context, so that its
// PrepareRequest/ProcessResponse hooks add auth and tracing headers, record status and headers, and bound the body.
internal partial class ChatCompletionsClient
{
    private readonly GeminiTransport _transport;
    private readonly CallContext _context;

    public ChatCompletionsClient(GeminiTransport transport, CallContext context)
        : this(transport.HttpClient)
    {
        _transport = transport;
        _context = context;
        BaseUrl = transport.BaseUrl;
    }

    // The operation's URL, built once per client, instead of a StringBuilder and a new Uri per call (build/templates/Client.Class.liquid).
    partial void GetCachedRequestUri(string operationPath, ref Uri? uri)
    {
        if (operationPath == GeminiTransport.ChatCompletionsPath)
        {
            uri = _transport.ChatCompletionsUrl;
        }
    }

    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, string url) => _transport.PrepareRequest(request, _context);

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response) => _transport.ProcessResponse(response, _context);

    /// <summary>
    /// Called by the generated operation after ProcessResponse (build/templates/Client.Class.liquid): a streaming call's 200
    /// response is kept in the call's context, unread, for the stream to read; the operation then returns without a value.
    /// </summary>
    private bool TakeStream(HttpResponseMessage response)
    {
        if (!_context.Streaming || (int)response.StatusCode != 200)
        {
            return false;
        }

        _context.StreamResponse = response;
        return true;
    }

    /// <summary>Called by the generated operation for its JSON body (build/templates/Client.Class.liquid).</summary>
    private static HttpContent CreateJsonContent<T>(T body) => JsonRequestContent.Create(body);

    /// <summary>Called by the generated ReadObjectResponseAsync (build/templates/Client.Class.ReadObjectResponse.liquid).</summary>
    private async Task<JsonReadResult<T>> ReadJsonAsync<T>(HttpContent content, CancellationToken cancellationToken) =>
        CompletionBodyCheck.Check(await BodyReader.ReadJsonAsync<T>(content, _transport, _context, cancellationToken).ConfigureAwait(false));
}
