using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Reflection;

namespace Gemini.Generated;

/// <summary>What every request of one client shares: the HttpClient, the URL, the headers, the response limits and the clock.</summary>
internal sealed class GeminiTransport
{
    /// <summary>The operation path, relative to the base URL; the generated client uses the same one (a contract test checks both).</summary>
    public const string ChatCompletionsPath = "v1/chat/completions";

    private static readonly string Version =
        typeof(GeminiTransport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0] ?? "0.0.0";

    private readonly AuthenticationHeaderValue _authorization;
    private readonly string _userAgent;

    public GeminiTransport(GeminiClientOptions options, string apiKey)
    {
        HttpClient = options.HttpClient ?? SharedHttpClient.Instance;
        var baseUrl = options.BaseUrl.AbsoluteUri;
        BaseUrl = baseUrl.EndsWith("/", StringComparison.Ordinal) ? baseUrl : baseUrl + "/";
        ChatCompletionsUrl = new Uri(BaseUrl + ChatCompletionsPath);
        MaxResponseBytes = options.MaxResponseBytes;
        IdleTimeout = options.StreamIdleTimeout;
        Time = options.TimeProvider;
        _authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        _userAgent = $"Gemini.Generated/{Version}" + (string.IsNullOrWhiteSpace(options.ApplicationId) ? string.Empty : " " + options.ApplicationId!.Trim());
    }

    public HttpClient HttpClient { get; }

    /// <summary>The base URL with a trailing slash, as the generated client wants it.</summary>
    public string BaseUrl { get; }

    public Uri ChatCompletionsUrl { get; }

    public long MaxResponseBytes { get; }

    /// <summary>The longest a response body may go without a byte (<see cref="GeminiClientOptions.StreamIdleTimeout"/>).</summary>
    public TimeSpan IdleTimeout { get; }

    public TimeProvider Time { get; }

    /// <summary>Adds auth, tracing and identification headers, and a stream's Accept. Called by the generated client's PrepareRequest.</summary>
    public void PrepareRequest(HttpRequestMessage request, CallContext context)
    {
        if (context.Streaming)
        {
            request.Headers.Accept.Clear();
            request.Headers.Accept.ParseAdd("text/event-stream");
        }

        request.Headers.Authorization = _authorization;
        request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        if (context.ClientRequestId is not null)
        {
            // Validated already; Add validates again, so no value can ever break the request's framing.
            request.Headers.Add("X-Client-Request-Id", context.ClientRequestId);
        }
    }

    /// <summary>
    /// Records the response, refuses a redirect (answered, or followed by an injected handler), and bounds the body. Called by
    /// the generated client's ProcessResponse.
    /// </summary>
    public void ProcessResponse(HttpResponseMessage response, CallContext context)
    {
        context.Received(response);
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400)
        {
            throw AimlApiRedirectException.Answered(status, response.Headers.Location, context);
        }

        if (response.RequestMessage?.RequestUri is { } final && final != ChatCompletionsUrl)
        {
            throw AimlApiRedirectException.Followed(status, final, context);
        }

        if (response.Content is { } content)
        {
            if (content.Headers.ContentLength > MaxResponseBytes)
            {
                throw new GeminiResponseTooLargeException(MaxResponseBytes);
            }

            // A 200 body is read by JsonBodyReader or the stream, which both count bytes; an error body is read as a string.
            if (status != 200)
            {
                response.Content = new LimitedContent(content, MaxResponseBytes);
            }
        }
    }
}
