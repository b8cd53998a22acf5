using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

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
    private readonly GeminiClientOptions _options = null!;
    private readonly GeminiTransport _transport = null!;
    private readonly RequestPreparer _preparer = null!;
    private readonly CallExecutor _executor = null!;
    private readonly OutcomeClassifier _classifier = null!;
    private readonly List<CallObserver> _observers = null!;

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

    internal GeminiClient(GeminiClientOptions options, Func<string, string?> environment, IEnumerable<CallObserver>? extraObservers = null)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        _options = options.Clone();
        var apiKey = _options.Validate(environment);
        Redactor = new Redactor(apiKey);
        _transport = new GeminiTransport(_options, apiKey);
        _preparer = new RequestPreparer(_options);
        _classifier = new OutcomeClassifier(_options, _transport, Redactor);
        _executor = new CallExecutor(_options, _classifier);
        _observers = CallObservers.Create(_options, Redactor);
        _observers.AddRange(extraObservers ?? Enumerable.Empty<CallObserver>());
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
        var body = _preparer.Prepare(request, options, streaming: false);
        var context = StartCall(body, streaming: false, options?.ClientRequestId);
        ChatCompletion? completion = null;
        try
        {
            completion = await _executor.ExecuteAsync(
                static (state, attempt, token) => new ChatCompletionsClient(state.Transport, attempt).CreateChatCompletionAsync(state.Body, token),
                (Transport: _transport, Body: body),
                context,
                cancellationToken).ConfigureAwait(false);
            completion.ResponseInfo = new ResponseInfo(context.StatusCode!.Value, context.Headers, context.Attempt);
            completion.TokenLimit = body.TokenLimit;
            completion.ApplyTruncationBehavior(options?.TruncationBehavior ?? _options.TruncationBehavior);
        }
        catch (Exception ex)
        {
            context.Observations.Ended(completion, ex);
            throw;
        }

        context.Observations.Ended(completion, null);
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
        var body = _preparer.Prepare(request, options, streaming: true);
        return new ChatStream(this, body, options, options?.TruncationBehavior ?? _options.TruncationBehavior, cancellationToken);
    }

    internal Redactor Redactor { get; } = null!;

    internal GeminiTransport Transport => _transport;

    internal OutcomeClassifier Classifier => _classifier;

    /// <summary>Starts watching a call, once it is prepared and checked and before anything is sent.</summary>
    internal CallContext StartCall(ChatCompletionRequest body, bool streaming, string? clientRequestId) =>
        new(clientRequestId, CallObservations.Start(_observers, body, streaming, clientRequestId), streaming);

    /// <summary>Sends a streaming request, retrying until a 200 response's headers arrive; the caller reads (and disposes) the body.</summary>
    internal Task<HttpResponseMessage> SendStreamingAsync(ChatCompletionRequest body, CallContext context, CancellationToken cancellationToken) =>
        _executor.ExecuteAsync(
            static async (state, attempt, token) =>
            {
                await new ChatCompletionsClient(state.Transport, attempt).CreateChatCompletionAsync(state.Body, token).ConfigureAwait(false);
                return attempt.StreamResponse!;
            },
            (Transport: _transport, Body: body),
            context,
            cancellationToken);
}
