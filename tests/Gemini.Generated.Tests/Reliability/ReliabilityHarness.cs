using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Gemini.Generated.Tests.Reliability;

/// <summary>What the reliability tests share: a recognisable key, retries that do not wait, clients of a URL or a fake server.</summary>
internal static class Harness
{
    /// <summary>A key the tests look for in every text the SDK produces.</summary>
    public const string ApiKey = "sk-reliab-7c1f0e9a-SECRET-d41d8cd9";

    /// <summary>A valid completion, with every field the SDK reads.</summary>
    public const string CompletionJson = """
        {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"google/gemini-2.5-flash",
         "choices":[{"index":0,"finish_reason":"stop","logprobs":null,
           "message":{"role":"assistant","content":"Hello there","refusal":null,
             "tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]}}],
         "usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12,"completion_tokens_details":{"reasoning_tokens":3}},
         "meta":{"usage":{"credits_used":100,"usd_spent":0.0001}}}
        """;

    /// <summary>Every exception type the SDK documents for a failed call (argument errors and the caller's cancellation aside).</summary>
    /// <remarks>
    /// The base GeminiException itself is not in the list: the client throws it only for a failure it did not foresee
    /// ("Unexpected failure ..."), which is a bug the fuzz tests must report, not an allowed outcome.
    /// </remarks>
    public static readonly IReadOnlyCollection<Type> DocumentedExceptions = new[]
    {
        typeof(AimlApiException),
        typeof(AimlApiRateLimitException),
        typeof(AimlApiAuthenticationException),
        typeof(AimlApiRedirectException),
        typeof(GeminiTimeoutException),
        typeof(GeminiNetworkException),
        typeof(GeminiResponseTooLargeException),
        typeof(GeminiStreamException),
        typeof(GeminiTruncationException),
    };

    /// <summary>A server latency for a reply that must come late; a fake server's shutdown waits for it, so it is kept short.</summary>
    public static readonly TimeSpan SlowerThanTimeout = TimeSpan.FromMilliseconds(800);

    public static ChatCompletionRequest Hello() => new(ChatMessage.User("Hello"));

    /// <summary>The default policy's shape (2 retries) with waits of a few milliseconds.</summary>
    public static RetryPolicy FastRetries(int maxRetries = 2) => new()
    {
        MaxRetries = maxRetries,
        InitialBackoff = TimeSpan.FromMilliseconds(1),
        MaxBackoff = TimeSpan.FromMilliseconds(5),
        MaxRetryAfter = TimeSpan.FromMilliseconds(10),
    };

    /// <summary>Configures fast retries and the test key; for <see cref="TestClient"/>.</summary>
    public static void Fast(GeminiClientOptions options)
    {
        options.ApiKey = ApiKey;
        options.RetryPolicy = FastRetries();
    }

    /// <summary>A client that sends through <paramref name="handler"/> in process (loopback base URL, so plain http is allowed).</summary>
    public static GeminiClient InProcessClient(HttpMessageHandler handler, Action<GeminiClientOptions>? configure = null) =>
        TestClient.Create(new Uri("http://127.0.0.1"), Fast, options =>
        {
            options.HttpClient = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
            configure?.Invoke(options);
        });

    /// <summary>A loopback URL on which nothing listens: the port was bound, then released.</summary>
    public static Uri ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>
    /// Waits for <paramref name="task"/>, failing with <see cref="TimeoutException"/> (never an OperationCanceledException a test
    /// might expect) when a regression never ends it: after <paramref name="seconds"/>, or when the test's [CancelAfter] fires.
    /// </summary>
    public static async Task<T> Bounded<T>(Task<T> task, int seconds = 5)
    {
        await Bounded((Task)task, seconds).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }

    public static async Task Bounded(Task task, int seconds = 5)
    {
        var guard = TestContext.CurrentContext.CancellationToken;
        try
        {
            await task.WaitAsync(TimeSpan.FromSeconds(seconds), guard).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (guard.IsCancellationRequested && !task.IsCompleted)
        {
            throw new TimeoutException("The call did not end before the test's [CancelAfter] limit.");
        }
    }

    /// <summary>A server that reads each request and resets the connection before answering.</summary>
    public static RawHttpServer ResettingServer() => new(async connection =>
    {
        await connection.ReadRequestAsync().ConfigureAwait(false);
        connection.Reset();
    });

    /// <summary>Reads a stream to its end, returning the text pieces.</summary>
    public static async Task<List<string>> ReadAllAsync(ChatStream stream)
    {
        var pieces = new List<string>();
        await foreach (var chunk in stream)
        {
            pieces.Add(chunk.Text);
        }

        return pieces;
    }
}

/// <summary>Collects the attempts a client reports through <see cref="GeminiClientOptions.OnAttempt"/>.</summary>
internal sealed class AttemptLog
{
    private readonly ConcurrentQueue<GeminiAttempt> _attempts = new();
    private readonly TaskCompletionSource<GeminiAttempt> _firstFailure = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<GeminiAttempt> All => _attempts.ToArray();

    /// <summary>Completes when the first failed attempt is reported.</summary>
    public Task<GeminiAttempt> FirstFailure => _firstFailure.Task;

    public void Record(GeminiAttempt attempt)
    {
        _attempts.Enqueue(attempt);
        if (attempt.Error is not null)
        {
            _firstFailure.TrySetResult(attempt);
        }
    }

    public void AttachTo(GeminiClientOptions options) => options.OnAttempt = Record;
}

/// <summary>An ILogger that keeps every entry: event id, level, formatted message, structured values and exception.</summary>
internal sealed class CapturingLogger : ILogger
{
    private readonly ConcurrentQueue<Entry> _entries = new();

    public IReadOnlyList<Entry> Entries => _entries.ToArray();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var fields = (state as IEnumerable<KeyValuePair<string, object?>>)?.ToDictionary(p => p.Key, p => p.Value) ?? new Dictionary<string, object?>();
        var values = string.Join("; ", fields.Select(p => $"{p.Key}={p.Value}"));
        _entries.Enqueue(new Entry(logLevel, formatter(state, exception), values, exception?.ToString()) { EventId = eventId, Fields = fields });
    }

    internal sealed record Entry(LogLevel Level, string Message, string Values, string? Exception)
    {
        public EventId EventId { get; init; }

        /// <summary>The structured values by name.</summary>
        public IReadOnlyDictionary<string, object?> Fields { get; init; } = new Dictionary<string, object?>();

        /// <summary>Everything the entry carries, as text.</summary>
        public string AllText => $"{Level} {Message} {Values} {Exception}";
    }
}

/// <summary>An in-process HttpMessageHandler that answers every request with what the test scripts.</summary>
internal sealed class StubHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, HttpResponseMessage> _respond;

    public StubHandler(Func<HttpRequestMessage, HttpResponseMessage> respond)
    {
        _respond = respond;
    }

    /// <summary>A response with this status, body bytes and content type.</summary>
    public static HttpResponseMessage Response(int status, byte[] body, string contentType, params (string Name, string Value)[] headers)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = content };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    public static HttpResponseMessage Response(int status, string body, string contentType = "application/json") =>
        Response(status, Encoding.UTF8.GetBytes(body), contentType);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(_respond(request));
}
