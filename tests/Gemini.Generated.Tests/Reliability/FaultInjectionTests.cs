using System;
using System.Linq;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using Gemini.Generated.Tests.Streaming;
using Microsoft.Extensions.Time.Testing;

namespace Gemini.Generated.Tests.Reliability;

/// <summary>
/// Faults a real service and the proxies in front of it produce, served over loopback HTTP: each case checks the outcome's type
/// and the exact number of requests the server received. Retries wait a few milliseconds (<see cref="Harness.FastRetries"/>).
/// </summary>
public class FaultInjectionTests : FakeServerTestBase
{
    private AttemptLog _attempts = null!;
    private GeminiClient _client = null!;

    [SetUp]
    public void CreateClient()
    {
        _attempts = new AttemptLog();
        _client = TestClient.Create(Server, Harness.Fast, _attempts.AttachTo);
    }

    [Test]
    public void Fault_429WithRetryAfterLongerThanTheCap_ThrowsRateLimitAtOnce()
    {
        Server.DefaultReply = FakeReply.RateLimit(TimeSpan.FromSeconds(2));

        var error = Assert.ThrowsAsync<AimlApiRateLimitException>(() => _client.CompleteAsync(Harness.Hello()))!;

        Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(_attempts.All.Select(a => a.RetryDelay), Is.EqualTo(new TimeSpan?[] { null }), "2 s is more than MaxRetryAfter (10 ms): not retried");
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }

    [TestCase(500)]
    [TestCase(502)]
    [TestCase(503)]
    [TestCase(504)]
    public void Fault_ServerError_RetriesTwiceThenThrowsTheStatus(int status)
    {
        Server.DefaultReply = FakeReply.Error(status, "Upstream failed.");

        var error = Assert.ThrowsAsync<AimlApiException>(() => _client.CompleteAsync(Harness.Hello()))!;

        Assert.That(error.StatusCode, Is.EqualTo(status));
        Assert.That(error.IsTransient, Is.True);
        Assert.That(Server.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public void Fault_Html502FromAProxy_RetriesTwiceThenThrowsWithAnExcerpt()
    {
        Server.DefaultReply = FakeReply.Raw(502, """
            <html><head><title>502 Bad Gateway</title></head>
            <body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>
            """, "text/html");

        var error = Assert.ThrowsAsync<AimlApiException>(() => _client.CompleteAsync(Harness.Hello()))!;

        Assert.That(error.StatusCode, Is.EqualTo(502));
        Assert.That(error.Message, Does.Contain("non-JSON body (text/html)").And.Contain("502 Bad Gateway"));
        Assert.That(Server.Requests, Has.Count.EqualTo(3));
    }

    [Test]
    public void Fault_200WithAnEmptyBody_ThrowsWithoutRetrying()
    {
        Server.DefaultReply = FakeReply.Empty();

        var error = Assert.ThrowsAsync<AimlApiException>(() => _client.CompleteAsync(Harness.Hello()))!;

        Assert.That(error.StatusCode, Is.EqualTo(200));
        Assert.That(error.Message, Does.Contain("empty"));
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void Fault_TruncatedJson_ThrowsWithoutRetrying()
    {
        Server.DefaultReply = FakeReply.Raw(200, Harness.CompletionJson.Substring(0, Harness.CompletionJson.Length / 2));

        var error = Assert.ThrowsAsync<AimlApiException>(() => _client.CompleteAsync(Harness.Hello()))!;

        Assert.That(error.StatusCode, Is.EqualTo(200));
        Assert.That(error.Message, Does.Contain("not a chat completion"));
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void Fault_200WithTheWrongContentType_ThrowsWithoutRetrying()
    {
        Server.DefaultReply = FakeReply.Raw(200, "<html><body>Please enable cookies.</body></html>", "text/html");

        var error = Assert.ThrowsAsync<AimlApiException>(() => _client.CompleteAsync(Harness.Hello()))!;

        Assert.That(error.StatusCode, Is.EqualTo(200));
        Assert.That(error.Message, Does.Contain("not a chat completion"));
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Fault_ConnectionResetBeforeTheResponse_RetriesTwiceThenThrowsNetworkError()
    {
        await using var server = Harness.ResettingServer();
        var client = TestClient.Create(server.Url, Harness.Fast);

        var error = Assert.ThrowsAsync<GeminiNetworkException>(() => client.CompleteAsync(Harness.Hello()))!;

        Assert.That(error.Attempts, Is.EqualTo(3));
        Assert.That(server.Requests, Has.Count.EqualTo(3));
    }

    [TestCase(FaultType.EMPTY_RESPONSE, "empty", TestName = "Fault_EmptyResponse_ThrowsWithoutRetrying")]
    [TestCase(FaultType.MALFORMED_RESPONSE_CHUNK, "not a chat completion", TestName = "Fault_MalformedResponseChunk_ThrowsWithoutRetrying")]
    public void Fault_WireMockFault_ThrowsWithoutRetrying(FaultType fault, string problem)
    {
        // WireMock answers both with a 200 and a chunked body: EMPTY_RESPONSE with no bytes, MALFORMED_RESPONSE_CHUNK with half
        // the body and garbage bytes. A whole response arrived, so the request may have been billed: no retry.
        using var server = WireMockServer.Start(new WireMockServerSettings { Urls = new[] { "http://127.0.0.1:0" }, StartAdminInterface = false });
        server.Given(Request.Create().WithPath("/v1/chat/completions").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Harness.CompletionJson).WithFault(fault));
        var client = TestClient.Create(new Uri(server.Url!), Harness.Fast);

        var error = Assert.ThrowsAsync<AimlApiException>(() => client.CompleteAsync(Harness.Hello()))!;

        Assert.That(error.StatusCode, Is.EqualTo(200));
        Assert.That(error.Message, Does.Contain(problem));
        Assert.That(server.LogEntries.Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task Fault_ResponseSlowerThanTheAttemptTimeout_ThrowsTimeoutWithoutRetrying()
    {
        await using var server = new HeldStreamServer(sendHead: false);
        var time = new FakeTimeProvider();
        var client = TestClient.Create(server.Url, Harness.Fast, o =>
        {
            o.AttemptTimeout = TimeSpan.FromMinutes(1);
            o.TimeProvider = time;
        });

        var error = Assert.ThrowsAsync<GeminiTimeoutException>(() => FakeClock.RunAsync(time, client.CompleteAsync(Harness.Hello()), TimeSpan.FromSeconds(10)))!;

        Assert.That(error.Attempts, Is.EqualTo(1));
        Assert.That(server.ConnectionCount, Is.EqualTo(1));
    }

    [Test]
    public void Fault_HugeBody_ThrowsTooLargeWithoutRetrying()
    {
        Server.DefaultReply = FakeReply.Completion(string.Join(" ", Enumerable.Repeat("word", 200_000)));
        var client = TestClient.Create(Server, Harness.Fast, o => o.MaxResponseBytes = 100_000);
        var request = Harness.Hello();
        request.MaxCompletionTokens = 1_000_000;

        var error = Assert.ThrowsAsync<GeminiResponseTooLargeException>(() => client.CompleteAsync(request))!;

        Assert.That(error.Limit, Is.EqualTo(100_000));

        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Fault_UnknownFieldsAndEnumValues_Succeeds()
    {
        Server.DefaultReply = FakeReply.Raw(200, """
            {"id":"chatcmpl-9","object":"chat.completion.v2","created":1700000000,"model":"google/gemini-2.5-flash","x_region":"eu",
             "service_tier":"flex-2030",
             "choices":[{"index":0,"finish_reason":"MALFORMED_FUNCTION_CALL","x_safety":{"blocked":false,"scores":[0.1,0.2]},
               "message":{"role":"model","content":"Still readable.","x_grounding":[{"uri":"https://example.com"}],
                 "annotations":[{"type":"file_citation_v9","x":1}]}}],
             "usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7,"x_cached":{"n":1},
               "completion_tokens_details":{"reasoning_tokens":1,"x_thoughts":2}}}
            """);

        var completion = await _client.CompleteAsync(Harness.Hello());

        Assert.That(completion.Text, Is.EqualTo("Still readable."));
        Assert.That(completion.FinishReason!.Value.Value, Is.EqualTo("MALFORMED_FUNCTION_CALL"));
        Assert.That(completion.FirstChoice!.Message!.Role!.Value.ToString(), Is.EqualTo("model"));
        Assert.That(completion.AdditionalProperties, Does.ContainKey("x_region"));
        Assert.That(completion.ReasoningTokens, Is.EqualTo(1));
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    [CancelAfter(60000)]
    public async Task Load_FiveHundredConcurrentCallsThroughOneClient_AllCompleteAndTheServerReceivesEach()
    {
        const int calls = 500;
        var client = TestClient.Create(Server, Harness.Fast);

        var completions = await Harness.Bounded(
            Task.WhenAll(Enumerable.Range(0, calls).Select(i => Task.Run(() =>
                client.CompleteAsync(Harness.Hello(), new ChatRequestOptions { ClientRequestId = "load-" + i })))),
            seconds: 50);

        Assert.That(completions, Has.Length.EqualTo(calls));
        Assert.That(completions.Select(c => c.Text), Is.All.EqualTo("Hello from the fake AI/ML API."));
        Assert.That(completions.Select(c => c.ResponseInfo!.Attempts), Is.All.EqualTo(1));
        Assert.That(Server.Requests, Has.Count.EqualTo(calls));
        Assert.That(Server.Requests.Select(r => r.ClientRequestId).Distinct().Count(), Is.EqualTo(calls));
    }
}
