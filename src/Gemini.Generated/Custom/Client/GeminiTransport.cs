using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;

namespace Gemini.Generated;

/// <summary>What every request of one client shares: the HttpClient, the URL, the headers, the response limit.</summary>
internal sealed class GeminiTransport
{
    /// <summary>The operation path, relative to the base URL; the generated client uses the same one (a contract test checks both).</summary>
    public const string ChatCompletionsPath = "v1/chat/completions";

    private static readonly string Version =
        typeof(GeminiTransport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0] ?? "0.0.0";

    private readonly AuthenticationHeaderValue _authorization;
    private readonly string _userAgent;

    public GeminiTransport(HttpClient httpClient, Uri baseUrl, string apiKey, long maxResponseBytes, string? applicationId)
    {
        HttpClient = httpClient;
        BaseUrl = baseUrl.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? baseUrl.AbsoluteUri : baseUrl.AbsoluteUri + "/";
        ChatCompletionsUrl = new Uri(BaseUrl + ChatCompletionsPath);
        MaxResponseBytes = maxResponseBytes;
        _authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        _userAgent = $"Gemini.Generated/{Version}" + (string.IsNullOrWhiteSpace(applicationId) ? string.Empty : " " + applicationId!.Trim());
    }

    public HttpClient HttpClient { get; }

    /// <summary>The base URL with a trailing slash, as the generated client wants it.</summary>
    public string BaseUrl { get; }

    public Uri ChatCompletionsUrl { get; }

    public long MaxResponseBytes { get; }

    /// <summary>Adds auth, tracing and identification headers. Called by the generated client's PrepareRequest and by the stream.</summary>
    public void PrepareRequest(HttpRequestMessage request, CallContext context)
    {
        request.Headers.Authorization = _authorization;
        request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        if (context.ClientRequestId is not null)
        {
            // Validated already; Add validates again, so no value can ever break the request's framing.
            request.Headers.Add("X-Client-Request-Id", context.ClientRequestId);
        }
    }

    /// <summary>Records the response and bounds its body. Called by the generated client's ProcessResponse and by the stream.</summary>
    public void ProcessResponse(HttpResponseMessage response, CallContext context)
    {
        context.ResponseStarted = true;
        context.StatusCode = (int)response.StatusCode;
        context.Response = response;
        if (response.Content is { } content)
        {
            if (content.Headers.ContentLength > MaxResponseBytes)
            {
                throw new GeminiResponseTooLargeException(MaxResponseBytes);
            }

            // A 200 body is read by JsonBodyReader or the stream, which both count bytes; an error body is read as a string.
            if ((int)response.StatusCode != 200)
            {
                response.Content = new LimitedContent(content, MaxResponseBytes);
            }
        }
    }
}

/// <summary>The state of one call across its attempts.</summary>
internal sealed class CallContext
{
    public CallContext(string? clientRequestId)
    {
        ClientRequestId = clientRequestId;
    }

    public string? ClientRequestId { get; }

    public int Attempt { get; set; }

    /// <summary>Whether this attempt got a response (headers). A failure after that is never retried as a connection failure.</summary>
    public bool ResponseStarted { get; set; }

    public int? StatusCode { get; set; }

    /// <summary>What observes this call (tracing, metrics, logging); null when nothing does.</summary>
    public CallObservation? Observation { get; init; }

    /// <summary>The attempt's response, once its headers arrived.</summary>
    public HttpResponseMessage? Response { get; set; }

    /// <summary>The response and content headers, copied into one case-insensitive dictionary (only when asked for).</summary>
    public IReadOnlyDictionary<string, IEnumerable<string>> Headers =>
        Response is null ? new Dictionary<string, IEnumerable<string>>() : new ResponseHeaders(Response);

    public void StartAttempt(int attempt)
    {
        Attempt = attempt;
        ResponseStarted = false;
        StatusCode = null;
        Response = null;
    }
}
