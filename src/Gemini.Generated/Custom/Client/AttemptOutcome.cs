using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using Newtonsoft.Json;

namespace Gemini.Generated;

/// <summary>What kind of failure an attempt ended in; <see cref="RetryPolicy"/> decides from it.</summary>
internal enum OutcomeKind
{
    /// <summary>The service answered with a status (or a 200 body that is not an answer).</summary>
    Status,

    /// <summary>The attempt timeout (or the injected HttpClient's own) expired.</summary>
    AttemptTimeout,

    /// <summary>The service could not be reached: no response byte arrived.</summary>
    ConnectFailure,

    /// <summary>Anything never retried: the total timeout, a broken body, a redirect, a response too large.</summary>
    Final,
}

/// <summary>One failed attempt: the exception the caller would get, and what the retry decision needs to know.</summary>
internal sealed class AttemptOutcome
{
    public AttemptOutcome(Exception error, OutcomeKind kind, int? statusCode = null, TimeSpan? retryAfter = null, bool responseStarted = false)
    {
        Error = error;
        Kind = kind;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
        ResponseStarted = responseStarted;
    }

    public Exception Error { get; }

    public OutcomeKind Kind { get; }

    public int? StatusCode { get; }

    /// <summary>The wait the service asked for in Retry-After.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Whether the response had begun to arrive: an attempt that timed out after that is not retried.</summary>
    public bool ResponseStarted { get; }
}

/// <summary>Turns what an attempt threw into an <see cref="AttemptOutcome"/> with the typed exception the caller gets.</summary>
internal sealed class OutcomeClassifier
{
    private readonly GeminiClientOptions _options;
    private readonly GeminiTransport _transport;
    private readonly Redactor _redactor;

    public OutcomeClassifier(GeminiClientOptions options, GeminiTransport transport, Redactor redactor)
    {
        _options = options;
        _transport = transport;
        _redactor = redactor;
    }

    /// <param name="exception">What the attempt threw (not the caller's own cancellation, and not bad input: an ArgumentException goes to the caller as it is).</param>
    /// <param name="context">The call, at the failed attempt.</param>
    /// <param name="attemptTimerFired">Whether the attempt's timer cancelled it.</param>
    /// <param name="limitedByTotal">Whether that timer was the rest of the total timeout.</param>
    public AttemptOutcome Classify(Exception exception, CallContext context, bool attemptTimerFired, bool limitedByTotal)
    {
        var number = context.Attempt;
        switch (exception)
        {
            case OperationCanceledException when limitedByTotal:
                return new AttemptOutcome(Timeout(_options.TotalTimeout, "the call's total timeout (GeminiClientOptions.TotalTimeout)", number, exception), OutcomeKind.Final);
            case OperationCanceledException:
                var error = attemptTimerFired
                    ? Timeout(_options.AttemptTimeout, "the attempt timeout (GeminiClientOptions.AttemptTimeout)", number, exception)
                    : Timeout(_transport.HttpClient.Timeout, "the injected HttpClient's own Timeout (set it to Timeout.InfiniteTimeSpan and use GeminiClientOptions.AttemptTimeout)", number, exception);
                return new AttemptOutcome(error, OutcomeKind.AttemptTimeout, context.StatusCode, responseStarted: context.ResponseStarted);
            case ServiceResponseException response:
                return new AttemptOutcome(ToApiException(response, context), OutcomeKind.Status, response.StatusCode,
                    RetryAfterParser.Parse(response.Headers, _options.TimeProvider.GetUtcNow()));
            case HttpRequestException or System.Net.Sockets.SocketException when !context.ResponseStarted:
                return new AttemptOutcome(
                    new GeminiNetworkException($"Could not reach the AI/ML API at {_transport.BaseUrl}: {_redactor.Redact(Describe(exception))}. Attempts: {number}.", number, _redactor.Safe(exception)),
                    OutcomeKind.ConnectFailure);
            case IOException or HttpRequestException or System.Net.Sockets.SocketException:
                return new AttemptOutcome(
                    new GeminiNetworkException(
                        $"The connection failed while reading the response from {_transport.BaseUrl}: {_redactor.Redact(Describe(exception))}. " +
                        "The request may have run, and been billed, on the server; it was not retried.", number, _redactor.Safe(exception)),
                    OutcomeKind.Final, context.StatusCode);
            case GeminiException gemini:
                return new AttemptOutcome(gemini, OutcomeKind.Final, context.StatusCode);
            default:
                return new AttemptOutcome(
                    new GeminiException($"Unexpected failure calling the AI/ML API: {_redactor.Redact(exception.Message)}", _redactor.Safe(exception)),
                    OutcomeKind.Final, context.StatusCode);
        }
    }

    /// <summary>The typed exception for an error status, or for a 200 body that is not an answer.</summary>
    public AimlApiException ToApiException(ServiceResponseException ex, CallContext context)
    {
        string? problem = null;
        if (ex.StatusCode == 200)
        {
            problem = ex.InnerException switch
            {
                // {"error": {...}} with status 200: the error's own message says what went wrong.
                NotAChatCompletionException { CarriesError: true } => null,
                JsonException json => $"the body is not a chat completion the SDK can read ({_redactor.Redact(json.Message)})",
                _ => "the body is empty where a chat completion was expected",
            };
        }

        return AimlApiException.FromResponse(ex.StatusCode, ex.Headers, ex.Response, context.ClientRequestId, _redactor, _options.TimeProvider.GetUtcNow(), _redactor.Safe(ex.InnerException), problem);
    }

    private static GeminiTimeoutException Timeout(TimeSpan timeout, string which, int attempts, Exception inner) =>
        new($"No response within {which} of {timeout.TotalSeconds:0.###} s, after {attempts} attempt{(attempts == 1 ? "" : "s")}. " +
            "A completion that timed out on the client may still have run, and been billed, on the server.", timeout, attempts, inner);

    private static string Describe(Exception ex)
    {
        var message = ex.Message.TrimEnd('.');
        var inner = ex.InnerException?.Message.TrimEnd('.');
        return inner is null || message.Contains(inner) ? message : $"{message} ({inner})";
    }
}
