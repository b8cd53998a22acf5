using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Support;
using Newtonsoft.Json;

namespace Gemini.Generated.Tests.Reliability;

/// <summary>The key stays secret, is never sent elsewhere or in clear text, and a hostile response cannot exhaust memory or the stack.</summary>
public class SecurityTests : FakeServerTestBase
{
    [Test]
    public void Options_WhenPrintedOrSerialized_NeverShowTheKey()
    {
        var options = new GeminiClientOptions { ApiKey = Harness.ApiKey, RetryPolicy = Harness.FastRetries() };

        Assert.That(options.ToString(), Does.Not.Contain(Harness.ApiKey).And.Contain("ApiKey = (set)"));
        Assert.That(JsonConvert.SerializeObject(options), Does.Not.Contain(Harness.ApiKey));
        Assert.That(System.Text.Json.JsonSerializer.Serialize(options), Does.Not.Contain(Harness.ApiKey));
        Assert.That(options.RetryPolicy.ToString(), Does.Not.Contain(Harness.ApiKey));
    }

    [Test]
    public void CompleteAsync_WhenTheServiceEchoesTheKeyInAnError_KeepsItOutOfMessageToStringAndBody()
    {
        Server.DefaultReply = FakeReply.Error(401, $"Incorrect API key provided: {Harness.ApiKey}.");
        var client = TestClient.Create(Server.Url, Harness.Fast);

        var error = Assert.ThrowsAsync<AimlApiAuthenticationException>(() => client.CompleteAsync(Harness.Hello()))!;

        Assert.That(error.Message, Does.Not.Contain(Harness.ApiKey).And.Contain("[REDACTED]"));
        Assert.That(error.ToString(), Does.Not.Contain(Harness.ApiKey));
        Assert.That(error.ServiceMessage, Does.Not.Contain(Harness.ApiKey));
        Assert.That(error.RawBody, Does.Not.Contain(Harness.ApiKey));
    }

    [Test]
    public void CompleteAsync_WhenACompletionEchoesTheKeyInAValueOfTheWrongType_KeepsItOutOfMessageAndToString()
    {
        Server.DefaultReply = FakeReply.Raw(200, $$"""{"id":"chatcmpl-1","created":"{{Harness.ApiKey}}","choices":[]}""");
        var client = TestClient.Create(Server.Url, Harness.Fast);

        var error = Assert.ThrowsAsync<AimlApiException>(() => client.CompleteAsync(Harness.Hello()))!;

        Assert.That(error.Message, Does.Not.Contain(Harness.ApiKey));
        Assert.That(error.ToString(), Does.Not.Contain(Harness.ApiKey), "the inner exceptions are part of ToString()");
    }

    [Test]
    public void CompleteStreamingAsync_WhenAnEventEchoesTheKeyInAValueOfTheWrongType_KeepsItOutOfMessageAndToString()
    {
        var client = Harness.InProcessClient(new StubHandler(_ => StubHandler.Response(200, $$"""
            data: {"id":"c1","created":"{{Harness.ApiKey}}","choices":[]}

            data: [DONE]


            """, "text/event-stream")));

        var error = Assert.ThrowsAsync<GeminiStreamException>(() => Harness.ReadAllAsync(client.CompleteStreamingAsync(Harness.Hello())))!;

        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.InvalidEvent));
        Assert.That(error.Message, Does.Not.Contain(Harness.ApiKey));
        Assert.That(error.RawEvent, Does.Not.Contain(Harness.ApiKey));
        Assert.That(error.ToString(), Does.Not.Contain(Harness.ApiKey));
    }

    [TestCase("sk-with space")]
    [TestCase("sk-line\r\nX-Injected: 1")]
    [TestCase("sk-tab\tkey")]
    public void Constructor_WhenTheKeyCannotGoInAHeader_RefusesItWithoutEchoingIt(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => _ = new GeminiClient(new GeminiClientOptions { ApiKey = key }))!;

        Assert.That(error.ParamName, Is.EqualTo("ApiKey"));
        Assert.That(error.ToString(), Does.Not.Contain(key));
    }

    [TestCase(307)]
    [TestCase(302)]
    [TestCase(308)]
    [TestCase(301)]
    [CancelAfter(5000)]
    public async Task CompleteAsync_WhenRedirectedToAnotherHost_SendsNothingThereAndThrowsTheRedirect(int status)
    {
        await using var other = new RawHttpServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteResponseAsync(200, Harness.CompletionJson);
        });
        await using var origin = new RawHttpServer(async connection =>
        {
            await connection.ReadRequestAsync();
            var head = $"HTTP/1.1 {status} Moved\r\nLocation: {other.Url}v1/chat/completions\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
            await connection.WriteRawAsync(Encoding.ASCII.GetBytes(head));
        });
        var client = new GeminiClient(new GeminiClientOptions { BaseUrl = origin.Url, ApiKey = Harness.ApiKey, RetryPolicy = RetryPolicy.None });

        var error = Assert.ThrowsAsync<AimlApiRedirectException>(() => Harness.Bounded(client.CompleteAsync(Harness.Hello())))!;

        Assert.That(error.StatusCode, Is.EqualTo(status));
        Assert.That(error.Location, Is.EqualTo(new Uri(other.Url, "v1/chat/completions")));
        Assert.That(origin.Requests.Single().Headers["Authorization"], Is.EqualTo("Bearer " + Harness.ApiKey));
        Assert.That(other.Requests, Is.Empty, "the redirect was not followed");
    }

    [TestCase("http://example.com")]
    [TestCase("http://api.aimlapi.com")]
    [TestCase("http://127.0.0.1.nip.io")]
    [TestCase("http://localhost.example.com")]
    [TestCase("ftp://127.0.0.1")]
    public void Constructor_WhenTheBaseUrlIsNotHttpsOutsideLoopback_ThrowsArgumentException(string url)
    {
        var error = Assert.Throws<ArgumentException>(() => _ = new GeminiClient(new GeminiClientOptions { BaseUrl = new Uri(url), ApiKey = Harness.ApiKey }))!;

        Assert.That(error.ParamName, Is.EqualTo("BaseUrl"));
        Assert.That(error.Message, Does.Contain("HTTPS").And.Not.Contain(Harness.ApiKey));
    }

    [TestCase("http://127.0.0.1")]
    [TestCase("http://127.0.0.1:8080")]
    [TestCase("http://localhost:5000")]
    [TestCase("http://[::1]:5000")]
    [TestCase("https://api.aimlapi.com")]
    public void Constructor_WhenTheBaseUrlIsHttpsOrLoopback_Accepts(string url)
    {
        var client = new GeminiClient(new GeminiClientOptions { BaseUrl = new Uri(url), ApiKey = Harness.ApiKey });

        Assert.That(client.BaseUrl, Is.EqualTo(new Uri(url)));
    }

    [Test]
    public void CompleteAsync_WhenTheBodyIsLargerThanMaxResponseBytesWithContentLength_ThrowsTooLarge()
    {
        Server.DefaultReply = FakeReply.Raw(200, "{\"id\":\"" + new string('x', 1024 * 1024) + "\"}");
        var client = TestClient.Create(Server.Url, Harness.Fast, o => o.MaxResponseBytes = 64 * 1024);

        var error = Assert.ThrowsAsync<GeminiResponseTooLargeException>(() => client.CompleteAsync(Harness.Hello()))!;

        Assert.That(error.Limit, Is.EqualTo(64 * 1024));
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }

    [TestCase(200)]
    [TestCase(500)]
    public async Task CompleteAsync_WhenTheContentLengthAloneIsOverTheLimit_ThrowsTooLargeWithoutReadingTheBody(int status)
    {
        var bodyWanted = new TaskCompletionSource();
        await using var server = new RawHttpServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteRawAsync(Encoding.ASCII.GetBytes(
                $"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {64 * 1024 + 1}\r\n\r\n{{"));
            await bodyWanted.Task;
        });
        var client = TestClient.Create(server.Url, Harness.Fast, o => o.MaxResponseBytes = 64 * 1024);

        var error = Assert.ThrowsAsync<GeminiResponseTooLargeException>(() => Harness.Bounded(client.CompleteAsync(Harness.Hello())))!;
        bodyWanted.SetResult();

        Assert.That(error.Limit, Is.EqualTo(64 * 1024));
        Assert.That(server.Requests, Has.Count.EqualTo(1), "not retried, even after a 500");
    }

    [TestCase(200, "application/json", "{\"id\":\"", "x")]
    [TestCase(500, "text/html", "<html>", "<p>Internal error</p>")]
    [CancelAfter(10000)]
    public async Task CompleteAsync_WhenAnEndlessBodyHasNoContentLength_StopsAtMaxResponseBytes(int status, string contentType, string prefix, string unit)
    {
        await using var server = EndlessServer(status, contentType, prefix, unit);
        var client = TestClient.Create(server.Url, Harness.Fast, o => o.MaxResponseBytes = 256 * 1024);

        var error = Assert.ThrowsAsync<GeminiResponseTooLargeException>(() => Harness.Bounded(client.CompleteAsync(Harness.Hello())))!;

        Assert.That(error.Limit, Is.EqualTo(256 * 1024));
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    [CancelAfter(10000)]
    public async Task CompleteStreamingAsync_WhenTheStreamNeverEnds_StopsAtMaxResponseBytes()
    {
        const string chunk = """
            data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"more "}}]}


            """;
        await using var server = EndlessServer(200, "text/event-stream", string.Empty, chunk);
        var client = TestClient.Create(server.Url, Harness.Fast, o => o.MaxResponseBytes = 256 * 1024);

        var error = Assert.ThrowsAsync<GeminiStreamException>(() => Harness.Bounded(Harness.ReadAllAsync(client.CompleteStreamingAsync(Harness.Hello()))))!;
        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.ResponseTooLarge));
        Assert.That(error.InnerException, Is.TypeOf<GeminiResponseTooLargeException>());
        Assert.That(error.Partial.Text, Does.StartWith("more more "), "what arrived before the limit is kept");
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task CompleteAsync_WhenAnUnknownFieldNestsWithinTheDepthLimit_Succeeds()
    {
        Server.DefaultReply = FakeReply.Raw(200, CompletionWithNesting(20));
        var client = TestClient.Create(Server.Url, Harness.Fast);

        var completion = await client.CompleteAsync(Harness.Hello());

        Assert.That(completion.Text, Is.EqualTo("Hello there"));
    }

    [TestCase(100)]
    [TestCase(100_000)]
    public void CompleteAsync_WhenTheResponseNestsDeeperThan64_ThrowsATypedErrorWithoutRetrying(int depth)
    {
        Server.DefaultReply = FakeReply.Raw(200, CompletionWithNesting(depth));
        var client = TestClient.Create(Server.Url, Harness.Fast);

        var error = Assert.ThrowsAsync<AimlApiException>(() => client.CompleteAsync(Harness.Hello()))!;

        Assert.That(error.StatusCode, Is.EqualTo(200));
        Assert.That(error.Message, Does.Contain("not a chat completion"));
        Assert.That(error.ToString(), Does.Contain("MaxDepth of 64"));
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void CompleteAsync_WhenAnErrorBodyNestsDeeperThan64_StillThrowsTheStatus()
    {
        Server.DefaultReply = FakeReply.Raw(400, "{\"message\":" + new string('[', 10_000) + "}");
        var client = TestClient.Create(Server.Url, Harness.Fast);

        var error = Assert.ThrowsAsync<AimlApiException>(() => client.CompleteAsync(Harness.Hello()))!;

        Assert.That(error.StatusCode, Is.EqualTo(400));
    }

    [Test]
    public void CompleteStreamingAsync_WhenAnEventNestsDeeperThan64_ThrowsInvalidEvent()
    {
        var client = Harness.InProcessClient(new StubHandler(_ => StubHandler.Response(
            200, "data: " + CompletionWithNesting(10_000).Replace("\n", " ", StringComparison.Ordinal) + "\n\n", "text/event-stream")));

        var error = Assert.ThrowsAsync<GeminiStreamException>(() => Harness.ReadAllAsync(client.CompleteStreamingAsync(Harness.Hello())))!;

        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.InvalidEvent));
    }

    /// <summary>The valid completion with an unknown field nested <paramref name="depth"/> arrays deep.</summary>
    private static string CompletionWithNesting(int depth) =>
        Harness.CompletionJson.Substring(0, Harness.CompletionJson.LastIndexOf('}')) + ",\"x_nested\":" + new string('[', depth) + new string(']', depth) + "}";

    /// <summary>A server that answers one status with <paramref name="prefix"/> and then <paramref name="unit"/> over and over, chunked, until the client leaves.</summary>
    private static RawHttpServer EndlessServer(int status, string contentType, string prefix, string unit) =>
        new(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteChunkedHeadAsync(status, contentType);
            if (prefix.Length > 0)
            {
                await connection.WriteChunkAsync(prefix);
            }

            var block = string.Concat(Enumerable.Repeat(unit, Math.Max(1, 64 * 1024 / unit.Length)));
            for (var i = 0; i < 1024; i++)
            {
                await connection.WriteChunkAsync(block);
            }

            await connection.EndChunksAsync();
        });
}
