using System;
using System.Collections.Generic;
using System.Net;
using System.Text;

namespace Gemini.Generated;

/// <summary>
/// The AI/ML API answered with an error, or with a body the SDK cannot read. Carries the status, the service's message and the
/// fields of its error body (<c>requestId</c>, <c>path</c>, <c>timestamp</c>), the raw body (capped), and the tracing ids.
/// </summary>
/// <remarks>
/// Subclasses exist where callers branch: <see cref="AimlApiRateLimitException"/> (429, with Retry-After) and
/// <see cref="AimlApiAuthenticationException"/> (401, 403). The API key never appears in the message or the body kept here.
/// </remarks>
public class AimlApiException : GeminiException
{
    /// <summary>How much of the raw body is kept.</summary>
    public const int MaxRawBodyLength = 4096;

    /// <summary>Creates the exception; the SDK builds it from the HTTP response. Public so that tests can create one.</summary>
    public AimlApiException(
        string message,
        int statusCode,
        string? serviceMessage = null,
        string? requestId = null,
        string? path = null,
        DateTimeOffset? timestamp = null,
        string? rawBody = null,
        string? inferenceId = null,
        string? clientRequestId = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ServiceMessage = serviceMessage;
        RequestId = requestId;
        Path = path;
        Timestamp = timestamp;
        RawBody = rawBody;
        InferenceId = inferenceId;
        ClientRequestId = clientRequestId;
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The service's message (<c>message</c> in the error body), when there is one.</summary>
    public string? ServiceMessage { get; }

    /// <summary><c>requestId</c> from the error body: quote it to the provider's support.</summary>
    public string? RequestId { get; }

    /// <summary><c>path</c> from the error body.</summary>
    public string? Path { get; }

    /// <summary><c>timestamp</c> from the error body.</summary>
    public DateTimeOffset? Timestamp { get; }

    /// <summary>The response body as received, up to <see cref="MaxRawBodyLength"/> characters.</summary>
    public string? RawBody { get; }

    /// <summary>The <c>x-inference-id</c> response header: the id any charge is recorded under.</summary>
    public string? InferenceId { get; }

    /// <summary>The <c>X-Client-Request-Id</c> that was sent (or echoed), when there was one.</summary>
    public string? ClientRequestId { get; }

    /// <summary>The response headers (rate-limit headers, for example), by case-insensitive name; empty for an exception built by hand.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; private set; } = ResponseHeaders.Empty;

    /// <summary>True for statuses worth retrying later: 408, 429 and 5xx.</summary>
    public bool IsTransient => StatusCode == 408 || StatusCode == 429 || StatusCode >= 500;

    internal static AimlApiException FromResponse(
        int statusCode,
        ResponseHeaders headers,
        string? body,
        string? clientRequestId,
        Redactor redactor,
        DateTimeOffset now,
        Exception? innerException = null,
        string? problem = null)
    {
        body = redactor.Redact(body);
        var contentType = headers.First("Content-Type");
        var inferenceId = headers.First("x-inference-id");
        clientRequestId = headers.First("x-client-request-id") ?? clientRequestId;
        var error = ErrorBody.Parse(body);
        var serviceMessage = redactor.Redact(error.Message);

        var text = new StringBuilder();
        text.Append("AIML API returned ").Append(statusCode);
        var reason = ReasonPhrase(statusCode);
        if (reason.Length > 0)
        {
            text.Append(' ').Append(reason);
        }

        if (problem is not null)
        {
            text.Append(": ").Append(problem);
        }
        else if (!string.IsNullOrWhiteSpace(serviceMessage))
        {
            text.Append(": ").Append(serviceMessage!.Trim());
        }
        else if (string.IsNullOrWhiteSpace(body))
        {
            text.Append(" with an empty body.");
        }
        else
        {
            var kind = error.IsJson ? "a JSON body without a message" : $"a non-JSON body ({contentType ?? "no content type"})";
            text.Append(" with ").Append(kind).Append(": ").Append(Excerpt(body!, 200));
        }

        var ids = new List<string>();
        if (error.RequestId is not null)
        {
            ids.Add("requestId " + error.RequestId);
        }

        if (inferenceId is not null)
        {
            ids.Add("x-inference-id " + inferenceId);
        }

        if (clientRequestId is not null)
        {
            ids.Add("x-client-request-id " + clientRequestId);
        }

        if (ids.Count > 0)
        {
            text.Append(" (").Append(string.Join(", ", ids)).Append(')');
        }

        var message = text.ToString();
        var raw = body is null ? null : body.Length > MaxRawBodyLength ? body.Substring(0, MaxRawBodyLength) : body;
        AimlApiException exception = statusCode switch
        {
            429 => new AimlApiRateLimitException(message, RetryAfterParser.Parse(headers, now), serviceMessage, error.RequestId, error.Path, error.Timestamp, raw, inferenceId, clientRequestId, innerException),
            401 or 403 => new AimlApiAuthenticationException(message, statusCode, serviceMessage, error.RequestId, error.Path, error.Timestamp, raw, inferenceId, clientRequestId, innerException),
            _ => new AimlApiException(message, statusCode, serviceMessage, error.RequestId, error.Path, error.Timestamp, raw, inferenceId, clientRequestId, innerException),
        };
        exception.Headers = headers;
        return exception;
    }

    /// <summary>A streaming call answered with a 200 that is neither an event stream nor a JSON completion.</summary>
    internal static AimlApiException NotAStream(
        ResponseHeaders headers, string mediaType, string body, string? clientRequestId, Redactor redactor, DateTimeOffset now) =>
        FromResponse(200, headers, body, clientRequestId, redactor, now, null,
            $"a streaming call was answered with {mediaType}, not text/event-stream: {Excerpt(redactor.Redact(body)!, 200)}");

    private static string ReasonPhrase(int statusCode) =>
        statusCode switch
        {
            200 => "OK",
            400 => "Bad Request",
            401 => "Unauthorized",
            403 => "Forbidden",
            404 => "Not Found",
            408 => "Request Timeout",
            413 => "Payload Too Large",
            422 => "Unprocessable Entity",
            429 => "Too Many Requests",
            500 => "Internal Server Error",
            502 => "Bad Gateway",
            503 => "Service Unavailable",
            504 => "Gateway Timeout",
            _ => Enum.IsDefined(typeof(HttpStatusCode), statusCode) ? ((HttpStatusCode)statusCode).ToString() : string.Empty,
        };

    private static string Excerpt(string body, int length)
    {
        var collapsed = string.Join(" ", body.Split(new[] { ' ', '\t', '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries));
        return collapsed.Length <= length ? collapsed : collapsed.Substring(0, length) + "...";
    }
}

/// <summary>429: a rate or quota limit. <see cref="RetryAfter"/> says when to try again, when the service said.</summary>
public sealed class AimlApiRateLimitException : AimlApiException
{
    /// <summary>Creates the exception.</summary>
    public AimlApiRateLimitException(
        string message,
        TimeSpan? retryAfter,
        string? serviceMessage = null,
        string? requestId = null,
        string? path = null,
        DateTimeOffset? timestamp = null,
        string? rawBody = null,
        string? inferenceId = null,
        string? clientRequestId = null,
        Exception? innerException = null)
        : base(message, 429, serviceMessage, requestId, path, timestamp, rawBody, inferenceId, clientRequestId, innerException)
    {
        RetryAfter = retryAfter;
    }

    /// <summary>The wait the service asked for in Retry-After (seconds or an HTTP date), when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }
}

/// <summary>401 (missing or invalid key) or 403 (authenticated but not allowed, for example no credits left).</summary>
public sealed class AimlApiAuthenticationException : AimlApiException
{
    /// <summary>Creates the exception.</summary>
    public AimlApiAuthenticationException(
        string message,
        int statusCode,
        string? serviceMessage = null,
        string? requestId = null,
        string? path = null,
        DateTimeOffset? timestamp = null,
        string? rawBody = null,
        string? inferenceId = null,
        string? clientRequestId = null,
        Exception? innerException = null)
        : base(message, statusCode, serviceMessage, requestId, path, timestamp, rawBody, inferenceId, clientRequestId, innerException)
    {
    }
}

/// <summary>
/// The service answered with a redirect (3xx), or an injected HttpClient followed one. The SDK never follows a redirect: a 302
/// would return another origin's answer as if it were the completion, a 307 would send the prompt there.
/// </summary>
public sealed class AimlApiRedirectException : AimlApiException
{
    /// <summary>Creates the exception.</summary>
    public AimlApiRedirectException(string message, int statusCode, Uri? location, string? clientRequestId = null)
        : base(message, statusCode, clientRequestId: clientRequestId)
    {
        Location = location;
    }

    /// <summary>Where the redirect pointed (the <c>Location</c> header), or where a followed one ended; null when the service sent none.</summary>
    public Uri? Location { get; }

    internal static AimlApiRedirectException Answered(int statusCode, Uri? location, CallContext context) =>
        new($"AIML API returned {statusCode}, a redirect to {(location is null ? "no Location" : location.ToString())}. Redirects are never followed: " +
            "nothing was sent there. Check GeminiClientOptions.BaseUrl.", statusCode, location, context.ClientRequestId);

    internal static AimlApiRedirectException Followed(int statusCode, Uri final, CallContext context) =>
        new($"The injected HttpClient followed a redirect to {final} (final status {statusCode}); the answer is not the service's and was discarded. " +
            "Set AllowAutoRedirect = false on its handler. Check GeminiClientOptions.BaseUrl.", statusCode, final, context.ClientRequestId);
}
