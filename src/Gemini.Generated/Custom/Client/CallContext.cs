using System.Net.Http;

namespace Gemini.Generated;

/// <summary>The state of one call across its attempts.</summary>
internal sealed class CallContext
{
    public CallContext(string? clientRequestId, CallObservations observations = default, bool streaming = false)
    {
        ClientRequestId = clientRequestId;
        Observations = observations;
        Streaming = streaming;
    }

    public string? ClientRequestId { get; }

    /// <summary>Whether the call streams: it asks for <c>text/event-stream</c>, and its 200 response is read by the stream.</summary>
    public bool Streaming { get; }

    /// <summary>A streaming call's 200 response, unread, once it arrived; the stream reads and disposes it.</summary>
    public HttpResponseMessage? StreamResponse { get; set; }

    /// <summary>What the client's observers watch of this call.</summary>
    public CallObservations Observations { get; }

    public int Attempt { get; private set; }

    /// <summary>Whether this attempt got a response (headers). A failure after that is never retried as a connection failure.</summary>
    public bool ResponseStarted { get; private set; }

    public int? StatusCode => Response is null ? null : (int)Response.StatusCode;

    /// <summary>The attempt's response, once its headers arrived.</summary>
    public HttpResponseMessage? Response { get; private set; }

    /// <summary>The response and content headers, as one case-insensitive view, made once per response (empty before one).</summary>
    public ResponseHeaders Headers { get; private set; } = ResponseHeaders.Empty;

    public void StartAttempt(int attempt)
    {
        Attempt = attempt;
        ResponseStarted = false;
        Response = null;
        Headers = ResponseHeaders.Empty;
        StreamResponse = null;
    }

    public void Received(HttpResponseMessage response)
    {
        ResponseStarted = true;
        Response = response;
        Headers = new ResponseHeaders(response);
    }
}
