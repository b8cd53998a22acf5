using System;
using System.Collections.Generic;
using System.Net.Http;

namespace Gemini.Generated;

/// <summary>The state of one call across its attempts.</summary>
internal sealed class CallContext
{
    public CallContext(string? clientRequestId, CallObservations observations = default)
    {
        ClientRequestId = clientRequestId;
        Observations = observations;
    }

    public string? ClientRequestId { get; }

    /// <summary>What the client's observers watch of this call.</summary>
    public CallObservations Observations { get; }

    public int Attempt { get; private set; }

    /// <summary>Whether this attempt got a response (headers). A failure after that is never retried as a connection failure.</summary>
    public bool ResponseStarted { get; private set; }

    public int? StatusCode => Response is null ? null : (int)Response.StatusCode;

    /// <summary>The attempt's response, once its headers arrived.</summary>
    public HttpResponseMessage? Response { get; private set; }

    /// <summary>The response and content headers, as one case-insensitive view (empty before a response).</summary>
    public IReadOnlyDictionary<string, IEnumerable<string>> Headers =>
        Response is null ? new Dictionary<string, IEnumerable<string>>() : new ResponseHeaders(Response);

    public void StartAttempt(int attempt)
    {
        Attempt = attempt;
        ResponseStarted = false;
        Response = null;
    }

    public void Received(HttpResponseMessage response)
    {
        ResponseStarted = true;
        Response = response;
    }
}
