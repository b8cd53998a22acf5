using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using Microsoft.Extensions.Logging;

namespace Gemini.Generated;

/// <summary>
/// Settings for <see cref="GeminiClient"/>. The client copies them when it is created, so changing an options object later does
/// not change a client.
/// </summary>
public sealed class GeminiClientOptions
{
    /// <summary>The service's base URL: the server root, without <c>/v1</c>.</summary>
    public const string DefaultBaseUrl = "https://api.aimlapi.com";

    /// <summary>
    /// The token limit the client sends when a request sets neither <c>max_completion_tokens</c> nor <c>max_tokens</c>: 15000,
    /// the value the provider's own example uses. Without a limit the service applies 512, and gemini-2.5-flash often spends all
    /// of it reasoning, returning an empty answer with finish_reason "length". The limit bounds visible and reasoning tokens
    /// together; you pay for the tokens used, not for the limit.
    /// </summary>
    public const int DefaultTokenLimit = 15000;

    /// <summary>The environment variables the key is read from when no key is given, in order. <c>OPENAI_API_KEY</c> is never read.</summary>
    public static IReadOnlyList<string> ApiKeyEnvironmentVariables { get; } = new[] { "AIML_API_KEY", "AIMLAPI_API_KEY" };

    private string? _apiKey;

    /// <summary>The service's base URL: the server root (<see cref="DefaultBaseUrl"/>). HTTPS is required, except on loopback.</summary>
    public Uri BaseUrl { get; set; } = new(DefaultBaseUrl);

    /// <summary>
    /// The API key, sent as <c>Authorization: Bearer</c>. When not set, the key comes from <c>AIML_API_KEY</c>, else
    /// <c>AIMLAPI_API_KEY</c>. It binds from configuration (<c>"ApiKey"</c>, for user secrets or the environment); it is left
    /// out of <see cref="ToString"/>, serialization (Newtonsoft.Json, System.Text.Json, data contracts) and the debugger view.
    /// </summary>
    // CUSTOM: readable, so that Configure<GeminiClientOptions>(section) binds it (the binder skips set-only properties).
    [Newtonsoft.Json.JsonIgnore]
    [System.Text.Json.Serialization.JsonIgnore]
    [System.Runtime.Serialization.IgnoreDataMember]
    [System.Diagnostics.DebuggerBrowsable(System.Diagnostics.DebuggerBrowsableState.Never)]
    public string? ApiKey
    {
        get => _apiKey;
        set => _apiKey = value;
    }

    /// <summary>Whether <see cref="ApiKey"/> was set on these options (the environment is not consulted here).</summary>
    public bool HasApiKey => !string.IsNullOrEmpty(_apiKey);

    /// <summary>The model sent when a request does not name one. Default <see cref="GeminiModels.Gemini25Flash"/>.</summary>
    public string DefaultModel { get; set; } = GeminiModels.Gemini25Flash;

    /// <summary>
    /// The limit sent as <c>max_completion_tokens</c> when a request sets neither limit. Default <see cref="DefaultTokenLimit"/>
    /// (see there for why). Null sends no limit, and the service's 512 applies.
    /// </summary>
    public int? DefaultMaxCompletionTokens { get; set; } = DefaultTokenLimit;

    /// <summary>What a completion cut off by the token limit does. Default <see cref="TruncationBehavior.ThrowWhenEmpty"/>.</summary>
    public TruncationBehavior TruncationBehavior { get; set; } = TruncationBehavior.ThrowWhenEmpty;

    /// <summary>
    /// The limit for one HTTP attempt: for a completion, until its body is read; for a stream, until the response headers arrive.
    /// Default 5 minutes: reasoning answers are slow.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The limit for a whole call, retries and waits included; for a stream, until it starts. Default 10 minutes.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest a running stream may go without a byte before it fails with <see cref="GeminiTimeoutException"/>. Default 2 minutes.</summary>
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries. Default <see cref="RetryPolicy.Default"/>.</summary>
    public RetryPolicy RetryPolicy { get; set; } = RetryPolicy.Default;

    /// <summary>
    /// The largest response body read, in bytes; for a stream, the whole stream. A larger one fails with
    /// <see cref="GeminiResponseTooLargeException"/>. Default 16 MiB.
    /// </summary>
    public long MaxResponseBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>
    /// The HttpClient to send with; the client does not dispose it. Its own Timeout also applies, so leave it infinite and use
    /// the timeouts here. When null, the client creates one.
    /// </summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>Receives a line per attempt and a summary line per call, with the <see cref="GeminiEventIds"/>. Keys and message contents are never logged.</summary>
    public ILogger? Logger { get; set; }

    /// <summary>Called after every HTTP attempt, with its outcome and whether (and when) it will be retried.</summary>
    public Action<GeminiAttempt>? OnAttempt { get; set; }

    /// <summary>Appended to the User-Agent header, to identify your application.</summary>
    public string? ApplicationId { get; set; }

    /// <summary>
    /// The clock every timeout, retry wait and idle limit reads. Default <see cref="System.TimeProvider.System"/>. A test can pass a
    /// fake one (for example <c>FakeTimeProvider</c> from Microsoft.Extensions.TimeProvider.Testing) and advance it, so that a
    /// timeout or a backoff runs without waiting.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Tracing settings: whether spans capture message content (off by default). See <see cref="GeminiTelemetry"/>.</summary>
    public GeminiTelemetryOptions Telemetry { get; set; } = new();

    /// <summary>Every setting but the key, which shows only as set or not.</summary>
    public override string ToString() =>
        $"GeminiClientOptions {{ BaseUrl = {BaseUrl}, ApiKey = {(HasApiKey ? "(set)" : "(not set)")}, DefaultModel = {DefaultModel}, " +
        $"DefaultMaxCompletionTokens = {(DefaultMaxCompletionTokens?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null")}, " +
        $"TruncationBehavior = {TruncationBehavior}, AttemptTimeout = {AttemptTimeout}, TotalTimeout = {TotalTimeout}, " +
        $"StreamIdleTimeout = {StreamIdleTimeout}, {RetryPolicy}, MaxResponseBytes = {MaxResponseBytes}, " +
        $"HttpClient = {(HttpClient is null ? "(created)" : "(injected)")}, ApplicationId = {ApplicationId ?? "null"}, " +
        $"TimeProvider = {(TimeProvider == TimeProvider.System ? "(system)" : "(custom)")}, {Telemetry} }}";

    internal GeminiClientOptions Clone() => new()
    {
        BaseUrl = BaseUrl,
        _apiKey = _apiKey,
        DefaultModel = DefaultModel,
        DefaultMaxCompletionTokens = DefaultMaxCompletionTokens,
        TruncationBehavior = TruncationBehavior,
        AttemptTimeout = AttemptTimeout,
        TotalTimeout = TotalTimeout,
        StreamIdleTimeout = StreamIdleTimeout,
        RetryPolicy = (RetryPolicy ?? throw new ArgumentNullException(nameof(RetryPolicy))).Clone(),
        MaxResponseBytes = MaxResponseBytes,
        HttpClient = HttpClient,
        Logger = Logger,
        OnAttempt = OnAttempt,
        ApplicationId = ApplicationId,
        TimeProvider = TimeProvider ?? throw new ArgumentNullException(nameof(TimeProvider)),
        Telemetry = (Telemetry ?? throw new ArgumentNullException(nameof(Telemetry))).Clone(),
    };

    /// <summary>Resolves the key (options, then the environment) and checks every setting, naming the one that is wrong.</summary>
    internal string Validate(Func<string, string?> environment)
    {
        if (BaseUrl is null)
        {
            throw new ArgumentNullException(nameof(BaseUrl));
        }

        if (!BaseUrl.IsAbsoluteUri)
        {
            throw new ArgumentException($"BaseUrl '{BaseUrl}' must be an absolute https URL, such as {DefaultBaseUrl}.", nameof(BaseUrl));
        }

        if (BaseUrl.Scheme != Uri.UriSchemeHttps && !(BaseUrl.Scheme == Uri.UriSchemeHttp && IsLoopback(BaseUrl)))
        {
            throw new ArgumentException(
                $"BaseUrl '{BaseUrl.GetLeftPart(UriPartial.Authority)}' is not HTTPS. The key is sent with every request, so only https is allowed, " +
                "or http on loopback (127.0.0.1, ::1, localhost) for tests.",
                nameof(BaseUrl));
        }

        if (string.IsNullOrWhiteSpace(DefaultModel))
        {
            throw new ArgumentException("DefaultModel must name a model, such as " + GeminiModels.Gemini25Flash + ".", nameof(DefaultModel));
        }

        if (DefaultMaxCompletionTokens is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(DefaultMaxCompletionTokens), DefaultMaxCompletionTokens,
                $"DefaultMaxCompletionTokens is {DefaultMaxCompletionTokens}; allowed: 1 or more, or null to send no limit.");
        }

        if (!Enum.IsDefined(typeof(TruncationBehavior), TruncationBehavior))
        {
            throw new ArgumentOutOfRangeException(nameof(TruncationBehavior), TruncationBehavior, "Unknown TruncationBehavior.");
        }

        RequirePositive(AttemptTimeout, nameof(AttemptTimeout));
        RequirePositive(TotalTimeout, nameof(TotalTimeout));
        RequirePositive(StreamIdleTimeout, nameof(StreamIdleTimeout));
        if (MaxResponseBytes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxResponseBytes), MaxResponseBytes, $"MaxResponseBytes is {MaxResponseBytes}; allowed: 1 or more.");
        }

        (RetryPolicy ?? throw new ArgumentNullException(nameof(RetryPolicy))).Validate();

        var key = !string.IsNullOrWhiteSpace(_apiKey)
            ? _apiKey
            : ApiKeyEnvironmentVariables.Select(environment).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        if (key is null)
        {
            throw new ArgumentException(
                "No API key: set GeminiClientOptions.ApiKey, or the environment variable AIML_API_KEY (or AIMLAPI_API_KEY). " +
                "OPENAI_API_KEY is deliberately not read: it would send an OpenAI key to another provider.",
                nameof(ApiKey));
        }

        var trimmed = key.Trim();
        if (trimmed.Any(c => c < 0x21 || c > 0x7e))
        {
            throw new ArgumentException("The API key contains spaces or characters that cannot go in an HTTP header.", nameof(ApiKey));
        }

        return trimmed;
    }

    internal static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase);

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero && value != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} is {value}; allowed: more than zero, or Timeout.InfiniteTimeSpan.");
        }
    }
}
