using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;

namespace Gemini.Generated;

/// <summary>
/// The client for the AI/ML API chat-completions endpoint. Create one per application and share it: it is immutable and
/// thread-safe.
/// </summary>
/// <example>
/// <code>
/// var client = new GeminiClient(apiKey);
/// var completion = await client.CompleteAsync("Why is the sky blue?");
/// Console.WriteLine(completion.Text);
/// </code>
/// </example>
public class GeminiClient
{
    private static readonly object RandomLock = new();
    private static readonly Random Jitter = new();

    private readonly GeminiClientOptions _options = null!;
    private readonly GeminiTransport _transport = null!;
    private readonly RetryBudget _budget = null!;
    private readonly Redactor _redactor = null!;
    private readonly IReadOnlyList<CallObserver> _observers = Array.Empty<CallObserver>();

    /// <summary>For mocking: a client that is not connected to anything.</summary>
    protected GeminiClient()
    {
    }

    /// <summary>
    /// A client with this API key and default settings. A null or blank key is treated as no key, as in
    /// <see cref="GeminiClientOptions.ApiKey"/>: it is read from AIML_API_KEY, else AIMLAPI_API_KEY, as <see cref="FromEnvironment"/> does.
    /// </summary>
    /// <exception cref="ArgumentException">There is no key anywhere (the message names the variables), or it is not usable in a header.</exception>
    // CUSTOM: no bare ArgumentNullException, so that new GeminiClient(Environment.GetEnvironmentVariable("AIML_API_KEY")!) with the
    // variable unset fails with the message FromEnvironment() gives.
    public GeminiClient(string apiKey)
        : this(new GeminiClientOptions { ApiKey = apiKey })
    {
    }

    /// <summary>A client with these settings. The key comes from the options, else from AIML_API_KEY, else AIMLAPI_API_KEY.</summary>
    /// <exception cref="ArgumentException">A setting is invalid, or there is no key; the message names the setting.</exception>
    public GeminiClient(GeminiClientOptions options)
        : this(options, Environment.GetEnvironmentVariable)
    {
    }

    internal GeminiClient(GeminiClientOptions options, Func<string, string?> environment)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        _options = options.Clone();
        var apiKey = _options.Validate(environment);
        _redactor = new Redactor(apiKey);
        _budget = new RetryBudget(_options.RetryPolicy.RetryBudget);
        _observers = CallObservers.Create(_options, _redactor);
        _transport = new GeminiTransport(_options.HttpClient ?? SharedHttpClient.Instance, _options.BaseUrl, apiKey, _options.MaxResponseBytes, _options.ApplicationId);
    }

    /// <summary>A client whose key comes from AIML_API_KEY (or AIMLAPI_API_KEY), with default settings.</summary>
    /// <exception cref="ArgumentException">Neither variable is set.</exception>
    public static GeminiClient FromEnvironment() => new(new GeminiClientOptions());

    /// <summary>The base URL requests go to.</summary>
    public virtual Uri BaseUrl => _options.BaseUrl;

    /// <summary>The model sent when a request names none.</summary>
    public virtual string DefaultModel => _options.DefaultModel;

    /// <summary>The limit sent as <c>max_completion_tokens</c> when a request sets no limit; null when none is sent. See <see cref="GeminiClientOptions.DefaultTokenLimit"/>.</summary>
    public virtual int? DefaultMaxCompletionTokens => _options.DefaultMaxCompletionTokens;

    /// <summary>What a truncated completion does, unless a call overrides it.</summary>
    public virtual TruncationBehavior TruncationBehavior => _options.TruncationBehavior;

    /// <summary>Sends one user message and returns the completion.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="prompt"/> is null.</exception>
    /// <exception cref="AimlApiException">The service answered with an error.</exception>
    /// <exception cref="GeminiTruncationException">The token limit cut the answer off and, by <see cref="TruncationBehavior"/>, that throws.</exception>
    /// <exception cref="GeminiTimeoutException">A timeout of the client's expired.</exception>
    /// <exception cref="GeminiNetworkException">The service could not be reached.</exception>
    public virtual Task<ChatCompletion> CompleteAsync(string prompt, CancellationToken cancellationToken = default) =>
        CompleteAsync(new ChatCompletionRequest(ChatMessage.User(prompt ?? throw new ArgumentNullException(nameof(prompt)))), null, cancellationToken);

    /// <summary>Sends a request and returns the completion.</summary>
    /// <exception cref="ArgumentException">The request breaks a constraint of the API; nothing was sent.</exception>
    /// <exception cref="AimlApiException">The service answered with an error.</exception>
    /// <exception cref="GeminiTruncationException">The token limit cut the answer off and, by <see cref="TruncationBehavior"/>, that throws.</exception>
    /// <exception cref="GeminiTimeoutException">A timeout of the client's expired.</exception>
    /// <exception cref="GeminiNetworkException">The service could not be reached.</exception>
    public virtual Task<ChatCompletion> CompleteAsync(ChatCompletionRequest request, CancellationToken cancellationToken = default) =>
        CompleteAsync(request, null, cancellationToken);

    /// <summary>Sends a request with per-call options (a client request id, a truncation behaviour) and returns the completion.</summary>
    /// <exception cref="ArgumentException">The request or the options break a constraint of the API; nothing was sent.</exception>
    /// <exception cref="AimlApiException">The service answered with an error.</exception>
    /// <exception cref="GeminiTruncationException">The token limit cut the answer off and, by <see cref="TruncationBehavior"/>, that throws.</exception>
    /// <exception cref="GeminiTimeoutException">A timeout of the client's expired.</exception>
    /// <exception cref="GeminiNetworkException">The service could not be reached.</exception>
    public virtual async Task<ChatCompletion> CompleteAsync(ChatCompletionRequest request, ChatRequestOptions? options, CancellationToken cancellationToken = default)
    {
        var body = Prepare(request, options, streaming: false);
        var observation = StartCall(body, streaming: false, options?.ClientRequestId);
        var context = new CallContext(options?.ClientRequestId) { Observation = observation };
        ChatCompletion? completion = null;
        try
        {
            completion = await ExecuteAsync(
                (attempt, token) => new ChatCompletionsClient(_transport, attempt).CreateChatCompletionAsync(body, token),
                context,
                cancellationToken).ConfigureAwait(false);

            completion.ResponseInfo = new ResponseInfo(context.Response!, context.Attempt);
            completion.TokenLimit = body.TokenLimit;
            completion.ApplyTruncationBehavior(options?.TruncationBehavior ?? _options.TruncationBehavior);
        }
        catch (Exception ex)
        {
            observation?.Ended(completion, ex);
            throw;
        }

        observation?.Ended(completion, null);
        return completion;
    }

    /// <summary>Streams the answer to one user message. Enumerate the result to get chunks as they arrive.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="prompt"/> is null.</exception>
    public virtual ChatStream CompleteStreamingAsync(string prompt, CancellationToken cancellationToken = default) =>
        CompleteStreamingAsync(new ChatCompletionRequest(ChatMessage.User(prompt ?? throw new ArgumentNullException(nameof(prompt)))), null, cancellationToken);

    /// <summary>
    /// Streams the answer to a request. The request is checked now; it is sent when enumeration starts. Each chunk is yielded as
    /// soon as its event arrives; <see cref="ChatStream.Completion"/> holds the whole completion, with usage and cost, at the end.
    /// </summary>
    /// <exception cref="ArgumentException">The request or the options break a constraint of the API; nothing was sent.</exception>
    public virtual ChatStream CompleteStreamingAsync(ChatCompletionRequest request, ChatRequestOptions? options = null, CancellationToken cancellationToken = default)
    {
        var body = Prepare(request, options, streaming: true);
        return new ChatStream(this, body, options, options?.TruncationBehavior ?? _options.TruncationBehavior, cancellationToken);
    }

    internal TimeSpan StreamIdleTimeout => _options.StreamIdleTimeout;

    internal long MaxResponseBytes => _options.MaxResponseBytes;

    internal Redactor Redactor => _redactor;

    internal CallObservation? StartCall(ChatCompletionRequest body, bool streaming, string? clientRequestId) =>
        CallObservers.StartCall(_observers, body, streaming, clientRequestId);

    /// <summary>Sends a streaming request, retrying until a 200 response's headers arrive; the caller reads (and disposes) the body.</summary>
    internal Task<HttpResponseMessage> SendStreamingAsync(ChatCompletionRequest body, CallContext context, CancellationToken cancellationToken) =>
        ExecuteAsync(
            async (attempt, token) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, _transport.ChatCompletionsUrl)
                {
                    Content = JsonRequestContent.Create(body),
                };
                request.Headers.Accept.ParseAdd("text/event-stream");
                _transport.PrepareRequest(request, attempt);
                var response = await _transport.HttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                try
                {
                    _transport.ProcessResponse(response, attempt);
                    if ((int)response.StatusCode != 200)
                    {
#if NET5_0_OR_GREATER
                        var text = await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
#else
                        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
#endif
                        throw new ServiceResponseException($"The HTTP status code of the response was not expected ({(int)response.StatusCode}).", (int)response.StatusCode, text, attempt.Headers, null);
                    }

                    return response;
                }
                catch
                {
                    response.Dispose();
                    throw;
                }
            },
            context,
            cancellationToken);

    private ChatCompletionRequest Prepare(ChatCompletionRequest request, ChatRequestOptions? options, bool streaming)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        ChatRequestOptions.ValidateClientRequestId(options?.ClientRequestId, nameof(ChatRequestOptions.ClientRequestId));
        if (options?.TruncationBehavior is { } behavior && !Enum.IsDefined(typeof(TruncationBehavior), behavior))
        {
            throw new ArgumentOutOfRangeException(nameof(ChatRequestOptions.TruncationBehavior), behavior, "Unknown TruncationBehavior.");
        }

        if (!streaming && request.Stream == true)
        {
            throw new ArgumentException("stream is true: call CompleteStreamingAsync to stream, or leave Stream unset.", "stream");
        }

        var body = request.CopyForSending();
        body.Model ??= _options.DefaultModel;
        if (body.MaxCompletionTokens is null && body.MaxTokens is null)
        {
            body.MaxCompletionTokens = _options.DefaultMaxCompletionTokens;
        }

        if (streaming)
        {
            body.Stream = true;
            body.StreamOptions = body.StreamOptions?.WithUsageByDefault() ?? new ChatStreamOptions { IncludeUsage = true };
        }

        RequestValidator.Validate(body);
        return body;
    }

    /// <summary>Runs a call's attempts: timeouts per attempt and overall, retries by the policy and the shared budget, typed errors.</summary>
    private async Task<T> ExecuteAsync<T>(Func<CallContext, CancellationToken, Task<T>> attempt, CallContext context, CancellationToken cancellationToken)
    {
        var policy = _options.RetryPolicy;
        var totalTimeout = _options.TotalTimeout;
        var call = ValueStopwatch.StartNew();

        for (var number = 1; ; number++)
        {
            context.StartAttempt(number);
            var started = call.Elapsed;
            Exception failure;
            var retryable = false;
            var timedOut = false;
            TimeSpan? retryAfter = null;

            // One timer per attempt: the attempt timeout, or what is left of the total if that is sooner.
            var remaining = Remaining(totalTimeout, call.Elapsed);
            var attemptLimit = Shorter(_options.AttemptTimeout, remaining);
            var limitedByTotal = remaining != System.Threading.Timeout.InfiniteTimeSpan && attemptLimit == remaining && attemptLimit != _options.AttemptTimeout;
            using (var cancellation = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken) : new CancellationTokenSource())
            {
                if (attemptLimit != System.Threading.Timeout.InfiniteTimeSpan)
                {
                    cancellation.CancelAfter(attemptLimit);
                }

                try
                {
                    var result = await attempt(context, cancellation.Token).ConfigureAwait(false);
                    _budget.Release(number > 1 ? policy.RetryCost : 1);
                    Report(context, null, call.Elapsed - started, null);
                    return result;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    Report(context, null, call.Elapsed - started, null);
                    throw;
                }
                catch (OperationCanceledException ex) when (limitedByTotal)
                {
                    failure = Timeout(totalTimeout, "the call's total timeout (GeminiClientOptions.TotalTimeout)", number, ex);
                }
                catch (OperationCanceledException ex)
                {
                    timedOut = true;
                    retryable = policy.RetryOnTimeout && !context.ResponseStarted;
                    failure = cancellation.IsCancellationRequested
                        ? Timeout(_options.AttemptTimeout, "the attempt timeout (GeminiClientOptions.AttemptTimeout)", number, ex)
                        : Timeout(_transport.HttpClient.Timeout, "the injected HttpClient's own Timeout (set it to Timeout.InfiniteTimeSpan and use GeminiClientOptions.AttemptTimeout)", number, ex);
                }
                catch (ServiceResponseException ex)
                {
                    retryable = ex.StatusCode != 200 && policy.IsRetryable(ex.StatusCode);
                    retryAfter = RetryAfterParser.Parse(ex.Headers, DateTimeOffset.UtcNow);
                    failure = ToApiException(ex, context);
                }
                catch (Exception ex) when (ex is HttpRequestException or System.Net.Sockets.SocketException && !context.ResponseStarted)
                {
                    retryable = true;
                    failure = new GeminiNetworkException(
                        $"Could not reach the AI/ML API at {_transport.BaseUrl}: {_redactor.Redact(Describe(ex))}. Attempts: {number}.", number, _redactor.Safe(ex));
                }
                catch (Exception ex) when (ex is IOException or HttpRequestException or System.Net.Sockets.SocketException)
                {
                    failure = new GeminiNetworkException(
                        $"The connection failed while reading the response from {_transport.BaseUrl}: {_redactor.Redact(Describe(ex))}. " +
                        "The request may have run, and been billed, on the server; it was not retried.", number, _redactor.Safe(ex));
                }
                catch (GeminiException ex)
                {
                    failure = ex;
                }
                catch (Exception ex) when (ex is not ArgumentException)
                {
                    failure = new GeminiException($"Unexpected failure calling the AI/ML API: {_redactor.Redact(ex.Message)}", _redactor.Safe(ex));
                }
            }

            TimeSpan? delay = null;
            if (retryable && number <= policy.MaxRetries && _budget.TryAcquire(timedOut ? policy.RetryCost * 2 : policy.RetryCost))
            {
                delay = retryAfter is { } asked
                    ? (asked < policy.MaxRetryAfter ? asked : policy.MaxRetryAfter)
                    : policy.Backoff(number, NextRandom());
                if (call.Elapsed + delay.Value >= totalTimeout && totalTimeout != System.Threading.Timeout.InfiniteTimeSpan)
                {
                    // The wait would outlast the call's total time: return the failure now.
                    delay = null;
                }
            }

            Report(context, failure, call.Elapsed - started, delay);
            if (delay is null)
            {
                throw failure;
            }

            await Task.Delay(delay.Value, cancellationToken).ConfigureAwait(false);
        }
    }

    private static TimeSpan Remaining(TimeSpan total, TimeSpan elapsed) =>
        total == System.Threading.Timeout.InfiniteTimeSpan ? total : total - elapsed > TimeSpan.Zero ? total - elapsed : TimeSpan.FromMilliseconds(1);

    private static TimeSpan Shorter(TimeSpan a, TimeSpan b) =>
        a == System.Threading.Timeout.InfiniteTimeSpan ? b : b == System.Threading.Timeout.InfiniteTimeSpan ? a : a < b ? a : b;

    private AimlApiException ToApiException(ServiceResponseException ex, CallContext context)
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

        return AimlApiException.FromResponse(ex.StatusCode, ex.Headers, ex.Response, context.ClientRequestId, _redactor, DateTimeOffset.UtcNow, _redactor.Safe(ex.InnerException), problem);
    }

    private static GeminiTimeoutException Timeout(TimeSpan timeout, string which, int attempts, Exception inner) =>
        new($"No response within {which} of {timeout.TotalSeconds:0.###} s, after {attempts} attempt{(attempts == 1 ? "" : "s")}. " +
            "A completion that timed out on the client may still have run, and been billed, on the server.", timeout, attempts, inner);

    private void Report(CallContext context, Exception? error, TimeSpan duration, TimeSpan? retryDelay)
    {
        if (context.Observation is null && _options.OnAttempt is null)
        {
            return;
        }

        var attempt = new GeminiAttempt(context.Attempt, context.StatusCode, error, duration, retryDelay, context.ClientRequestId);
        context.Observation?.AttemptEnded(attempt);
        _options.OnAttempt?.Invoke(attempt);
    }

    private static double NextRandom()
    {
        lock (RandomLock)
        {
            return Jitter.NextDouble();
        }
    }

    private static string Describe(Exception ex)
    {
        var message = ex.Message.TrimEnd('.');
        var inner = ex.InnerException?.Message.TrimEnd('.');
        return inner is null || message.Contains(inner) ? message : $"{message} ({inner})";
    }
}

/// <summary>Elapsed time without allocating a Stopwatch.</summary>
internal readonly struct ValueStopwatch
{
    private readonly long _start;

    private ValueStopwatch(long start) => _start = start;

    public TimeSpan Elapsed => TimeSpan.FromTicks((long)((Stopwatch.GetTimestamp() - _start) * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));

    public static ValueStopwatch StartNew() => new(Stopwatch.GetTimestamp());
}

/// <summary>The HttpClient used when the options inject none: one per process, so connections are pooled.</summary>
internal static class SharedHttpClient
{
    public static HttpClient Instance { get; } = Create();

    private static HttpClient Create()
    {
#if NET5_0_OR_GREATER
        var handler = new SocketsHttpHandler
        {
            // Re-resolve DNS now and then; keep connections warm in between.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.GZip | System.Net.DecompressionMethods.Deflate,
            MaxAutomaticRedirections = 5,
        };
#else
        var handler = new HttpClientHandler
        {
            AutomaticDecompression = System.Net.DecompressionMethods.GZip | System.Net.DecompressionMethods.Deflate,
            MaxAutomaticRedirections = 5,
        };
#endif
        // The client's own timeouts apply; HttpClient's 100 s default would cut long reasoning answers.
        return new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }
}
