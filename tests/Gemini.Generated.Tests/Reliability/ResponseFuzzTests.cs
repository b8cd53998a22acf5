using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using CsCheck;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated.Tests.Reliability;

/// <summary>
/// Property: whatever bytes come back, a call ends, and the only exceptions that escape are the SDK's documented ones
/// (<see cref="Harness.DocumentedExceptions"/>: AimlApiException, AimlApiRateLimitException,
/// AimlApiAuthenticationException, GeminiTimeoutException, GeminiNetworkException, GeminiResponseTooLargeException,
/// GeminiStreamException, GeminiTruncationException). Responses come from an in-process handler, so the run is fast; each case
/// is bounded by <see cref="CaseLimit"/>. CsCheck prints the seed and the input of a failing case.
/// </summary>
public class ResponseFuzzTests
{
    /// <summary>Random status, headers and JSON-ish or random bytes through the non-streaming path.</summary>
    private const int RandomJsonCases = 2000;

    /// <summary>Byte-level and structural mutations of a valid completion through the non-streaming path.</summary>
    private const int MutatedJsonCases = 2000;

    /// <summary>Random event streams (events, errors, comments, raw bytes, odd line endings) through the streaming path.</summary>
    private const int RandomSseCases = 2000;

    /// <summary>Mutations of a valid event stream through the streaming path.</summary>
    private const int MutatedSseCases = 2000;

    private static readonly TimeSpan CaseLimit = TimeSpan.FromSeconds(5);

    private static readonly int[] Statuses = { 200, 200, 200, 200, 400, 401, 403, 404, 408, 429, 500, 502, 503 };

    private static readonly string[] RetryAfterValues =
    {
        string.Empty, "0", "1", "-1", "NaN", "Infinity", "1e308", "922337203685.4775", "Wed, 21 Oct 2015 07:28:00 GMT",
        "Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 0001 00:00:00 GMT", "soon", "\u00e9",
    };

    private static readonly string[] ContentTypes = { "application/json", "application/json; charset=utf-8", "text/html", "text/plain", "application/octet-stream" };

    [Test]
    public Task CompleteAsync_WithRandomResponses_ThrowsOnlyDocumentedExceptions() =>
        Gen.Select(Gen.Frequency((1, RandomBytes), (3, Gen.Int.Select(seed => Utf8(FuzzJson.RandomDocument(new Random(seed)))))), Gen.OneOf(Statuses), Gen.OneOf(RetryAfterValues), Gen.OneOf(ContentTypes))
            .SampleAsync(
                (body, status, retryAfter, contentType) => EndsWithDocumentedOutcome(body, status, retryAfter, contentType, streaming: false),
                iter: RandomJsonCases,
                print: Print);

    [Test]
    public Task CompleteAsync_WithMutatedCompletions_ThrowsOnlyDocumentedExceptions() =>
        Gen.Int.Select(seed => FuzzJson.Mutate(new Random(seed), Harness.CompletionJson))
            .SampleAsync(body => EndsWithDocumentedOutcome(body, 200, string.Empty, "application/json", streaming: false), iter: MutatedJsonCases, print: Print);

    [Test]
    public Task CompleteStreamingAsync_WithRandomEventStreams_ThrowsOnlyDocumentedExceptions() =>
        Gen.Frequency((1, RandomBytes), (4, Gen.Int.Select(seed => Utf8(FuzzSse.RandomStream(new Random(seed))))))
            .SampleAsync(body => EndsWithDocumentedOutcome(body, 200, string.Empty, "text/event-stream", streaming: true), iter: RandomSseCases, print: Print);

    [Test]
    public Task CompleteStreamingAsync_WithMutatedEventStreams_ThrowsOnlyDocumentedExceptions() =>
        Gen.Int.Select(seed => FuzzSse.MutatedStream(new Random(seed)))
            .SampleAsync(body => EndsWithDocumentedOutcome(body, 200, string.Empty, "text/event-stream", streaming: true), iter: MutatedSseCases, print: Print);

    /// <summary>Found by <see cref="CompleteStreamingAsync_WithRandomEventStreams_ThrowsOnlyDocumentedExceptions"/>.</summary>
    [TestCase("[1,2]")]
    [TestCase("[]")]
    public void CompleteStreamingAsync_WhenAnErrorEventCarriesAJsonArray_ThrowsAStreamServiceError(string data)
    {
        var client = Harness.InProcessClient(new StubHandler(_ => StubHandler.Response(200, $"event: error\ndata: {data}\n\n", "text/event-stream")));

        var error = Assert.ThrowsAsync<GeminiStreamException>(() => Harness.ReadAllAsync(client.CompleteStreamingAsync(Harness.Hello())))!;

        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.ServiceError));
        Assert.That(error.RawEvent, Is.EqualTo(data));
    }

    /// <summary>
    /// Found by <see cref="CompleteStreamingAsync_WithMutatedEventStreams_ThrowsOnlyDocumentedExceptions"/> (seed e3r2uZZXAUp3): an
    /// <c>index</c> beyond 64 bits is no index; the items are kept in order, as pieces without one are.
    /// </summary>
    [Test]
    public async Task CompleteStreamingAsync_WhenAnIndexDoesNotFitInALong_KeepsTheItemsInOrder()
    {
        const string huge = "99999999999999999999999";
        var body = "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\",\"parts\":[{\"index\":" + huge + ",\"x\":1}]}}]}\n\n"
            + "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\",\"parts\":[{\"index\":" + huge + ",\"x\":2}]},\"finish_reason\":\"stop\"}]}\n\n"
            + "data: [DONE]\n\n";
        var client = Harness.InProcessClient(new StubHandler(_ => StubHandler.Response(200, body, "text/event-stream")));
        var stream = client.CompleteStreamingAsync(Harness.Hello());

        await Harness.ReadAllAsync(stream);

        var parts = JObject.FromObject(stream.Completion!.Choices!.Single().Message!, JsonSerializer.Create(GeminiJson.Settings))["parts"]!;
        Assert.That(parts.Select(p => (int)p["x"]!), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(stream.Completion.Text, Is.EqualTo("ab"));
    }

    private static Gen<byte[]> RandomBytes => Gen.Byte.Array[0, 400];

    private static async Task EndsWithDocumentedOutcome(byte[] body, int status, string retryAfter, string contentType, bool streaming)
    {
        var headers = retryAfter.Length > 0 ? new[] { ("Retry-After", retryAfter) } : Array.Empty<(string, string)>();
        var client = Harness.InProcessClient(
            new StubHandler(_ => StubHandler.Response(status, body, contentType, headers)),
            o =>
            {
                // The SDK's own timeouts are longer than the case limit: a hang shows as the case's cancellation, which fails.
                o.AttemptTimeout = TimeSpan.FromSeconds(30);
                o.TotalTimeout = TimeSpan.FromSeconds(30);
                o.StreamIdleTimeout = TimeSpan.FromSeconds(30);
                o.MaxResponseBytes = 64 * 1024;
                o.RetryPolicy = new RetryPolicy { MaxRetries = 1, InitialBackoff = TimeSpan.Zero, MaxBackoff = TimeSpan.Zero, MaxRetryAfter = TimeSpan.Zero };
            });
        using var limit = new CancellationTokenSource(CaseLimit);

        var call = streaming ? ReadStream(client.CompleteStreamingAsync(Harness.Hello(), null, limit.Token)) : client.CompleteAsync(Harness.Hello(), limit.Token);
        try
        {
            await call.WaitAsync(CaseLimit + TimeSpan.FromSeconds(1)).ConfigureAwait(false);
        }
        catch (Exception ex) when (Harness.DocumentedExceptions.Contains(ex.GetType()))
        {
        }
    }

    private static async Task ReadStream(ChatStream stream)
    {
        await foreach (var _ in stream.ConfigureAwait(false))
        {
        }
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Print(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body);
        return JsonConvert.ToString(text.Length > 3000 ? text.Substring(0, 3000) + "..." : text);
    }

    private static string Print((byte[] Body, int Status, string RetryAfter, string ContentType) input) =>
        $"status {input.Status}, Retry-After {JsonConvert.ToString(input.RetryAfter)}, Content-Type {input.ContentType}, body {Print(input.Body)}";
}

/// <summary>Random and mutated JSON shaped like the service's, with values chosen to break readers.</summary>
internal static class FuzzJson
{
    private static readonly string[] Keys =
    {
        "id", "object", "created", "model", "choices", "index", "message", "delta", "role", "content", "refusal", "tool_calls",
        "function", "name", "arguments", "type", "finish_reason", "logprobs", "top_logprobs", "bytes", "usage", "prompt_tokens",
        "completion_tokens", "total_tokens", "completion_tokens_details", "reasoning_tokens", "meta", "credits_used", "usd_spent",
        "annotations", "url_citation", "audio", "error", "statusCode", "service_tier", "x_unknown",
    };

    private static readonly string[] Scalars =
    {
        "null", "true", "false", "0", "-1", "1", "2147483648", "-2147483649", "9223372036854775808", "1e400", "-1e400", "0.5", "1E-400",
        "\"\"", "\"stop\"", "\"length\"", "\"tool_calls\"", "\"assistant\"", "\"tool\"", "\"function\"", "\"[DONE]\"", "\"\\u0000\"",
        "\"\\ud800\"", "\"2024-01-01T00:00:00Z\"", "\"79228162514264337593543950336\"", "\"NaN\"", "NaN", "Infinity", "undefined",
    };

    public static string RandomDocument(Random random) =>
        random.Next(5) == 0 ? RandomValue(random, 0) : RandomObject(random, 0);

    public static string RandomValue(Random random, int depth)
    {
        var roll = random.Next(10);
        if (depth > 5 || roll < 5)
        {
            return Scalars[random.Next(Scalars.Length)];
        }

        if (roll == 9 && random.Next(8) == 0)
        {
            var nesting = random.Next(60, 140);
            return new string('[', nesting) + new string(']', nesting);
        }

        return roll < 7 ? RandomObject(random, depth + 1) : "[" + string.Join(",", Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth + 1))) + "]";
    }

    /// <summary>One to three byte-level or structural mutations of <paramref name="json"/>.</summary>
    public static byte[] Mutate(Random random, string json)
    {
        var text = json;
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            text = random.Next(2) == 0 ? Structural(random, text) : text;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        return random.Next(3) == 0 ? ByteLevel(random, bytes) : bytes;
    }

    public static byte[] ByteLevel(Random random, byte[] bytes)
    {
        var list = new List<byte>(bytes);
        for (var i = random.Next(1, 4); i > 0 && list.Count > 0; i--)
        {
            var at = random.Next(list.Count);
            switch (random.Next(5))
            {
                case 0:
                    list[at] = (byte)random.Next(256);
                    break;
                case 1:
                    list.RemoveRange(at, Math.Min(random.Next(1, 20), list.Count - at));
                    break;
                case 2:
                    var extra = new byte[random.Next(1, 10)];
                    random.NextBytes(extra);
                    list.InsertRange(at, extra);
                    break;
                case 3:
                    list.RemoveRange(at, list.Count - at);
                    break;
                default:
                    list.InsertRange(at, list.GetRange(at, Math.Min(random.Next(1, 40), list.Count - at)));
                    break;
            }
        }

        return list.ToArray();
    }

    /// <summary>Replaces, removes or wraps one value of the document.</summary>
    public static string Structural(Random random, string json)
    {
        JToken root;
        try
        {
            root = JToken.Parse(json);
        }
        catch (JsonException)
        {
            return json;
        }

        var values = (root is JContainer container ? container.DescendantsAndSelf() : new[] { root }).Where(t => t is not JProperty).ToList();
        var target = values[random.Next(values.Count)];
        JToken replacement;
        try
        {
            replacement = JToken.Parse(RandomValue(random, 3));
        }
        catch (JsonException)
        {
            replacement = JValue.CreateString("\u0000");
        }

        if (target == root)
        {
            return replacement.ToString(Formatting.None);
        }

        switch (random.Next(4))
        {
            case 0 when target.Parent is JProperty property:
                property.Remove();
                break;
            case 1:
                target.Replace(new JArray(target.DeepClone()));
                break;
            default:
                target.Replace(replacement);
                break;
        }

        return root.ToString(Formatting.None);
    }

    private static string RandomObject(Random random, int depth) =>
        "{" + string.Join(",", Enumerable.Range(0, random.Next(6)).Select(_ => JsonConvert.ToString(Keys[random.Next(Keys.Length)]) + ":" + RandomValue(random, depth + 1))) + "}";
}

/// <summary>Random and mutated server-sent event streams.</summary>
internal static class FuzzSse
{
    public const string ValidStream = """
        data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}

        data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"Hel"}}]}

        data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"f","arguments":"{\"a\""}}]}}]}

        data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":":1}"}}]}}]}

        data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

        data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3,"completion_tokens_details":{"reasoning_tokens":1}},"meta":{"usage":{"credits_used":5,"usd_spent":0.001}}}

        data: [DONE]


        """;

    private static readonly string[] Chunks = ValidStream.Split('\n')
        .Where(l => l.StartsWith("data: {", StringComparison.Ordinal))
        .Select(l => l.Substring("data: ".Length))
        .ToArray();

    private static readonly string[] LineEnds = { "\n", "\r\n", "\r" };

    public static string RandomStream(Random random)
    {
        var end = LineEnds[random.Next(LineEnds.Length)];
        var text = new StringBuilder();
        for (var i = random.Next(0, 9); i > 0; i--)
        {
            switch (random.Next(9))
            {
                case 0:
                    text.Append("data: ").Append(FuzzJson.RandomDocument(random)).Append(end).Append(end);
                    break;
                case 1:
                    text.Append("event: error").Append(end).Append("data: ").Append(FuzzJson.RandomDocument(random)).Append(end).Append(end);
                    break;
                case 2:
                    text.Append("data: [DONE]").Append(end).Append(end);
                    break;
                case 3:
                    text.Append(": keep-alive").Append(end);
                    break;
                case 4:
                    var noise = new byte[random.Next(1, 30)];
                    random.NextBytes(noise);
                    text.Append(Encoding.Latin1.GetString(noise));
                    break;
                case 5:
                    var chunk = Chunks[random.Next(Chunks.Length)];
                    text.Append("data: ").Append(chunk.Substring(0, random.Next(chunk.Length))).Append(end).Append(end);
                    break;
                case 6:
                    text.Append("id: ").Append(random.Next()).Append(end).Append("retry: ").Append(random.Next(-5, 5)).Append(end);
                    break;
                default:
                    text.Append("data: ").Append(FuzzJson.Structural(random, Chunks[random.Next(Chunks.Length)])).Append(end).Append(end);
                    break;
            }
        }

        return text.ToString();
    }

    public static byte[] MutatedStream(Random random)
    {
        if (random.Next(3) == 0)
        {
            return FuzzJson.ByteLevel(random, Encoding.UTF8.GetBytes(ValidStream));
        }

        var events = ValidStream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        for (var i = random.Next(1, 3); i > 0; i--)
        {
            var at = random.Next(events.Count);
            switch (random.Next(4))
            {
                case 0:
                    events.RemoveAt(at);
                    break;
                case 1:
                    events.Insert(at, events[at]);
                    break;
                default:
                    if (events[at].StartsWith("data: {", StringComparison.Ordinal))
                    {
                        events[at] = "data: " + FuzzJson.Structural(random, events[at].Substring("data: ".Length));
                    }

                    break;
            }

            if (events.Count == 0)
            {
                break;
            }
        }

        return Encoding.UTF8.GetBytes(string.Join("\n\n", events) + "\n\n");
    }
}
