using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Gemini.Generated.Tests.Reliability;

/// <summary>
/// The faults where the SDK once did worse than the OpenAI SDK (issue 9), over real loopback HTTP: a redirect to another origin,
/// a Retry-After longer than the policy's cap, a 200 body that stalls, and a stream answered with something that is not a stream.
/// </summary>
public class FaultContractTests : FakeServerTestBase
{
    private FakeAimlServer _other = null!;

    [SetUp]
    public void StartOtherOrigin() => _other = FakeAimlServer.Start();

    [TearDown]
    public void StopOtherOrigin() => _other.Dispose();

    [TestCase(300)]
    [TestCase(302)]
    [TestCase(307)]
    [TestCase(399)]
    public void CompleteAsync_WhenRedirectedToAnotherOrigin_ThrowsTheRedirectAndSendsNothingThere(int status)
    {
        var location = new Uri(_other.Url, "v1/chat/completions");
        Server.DefaultReply = FakeReply.Empty(status).WithHeader("Location", location.ToString());
        var client = TestClient.Create(Server, Harness.Fast);

        var error = Assert.ThrowsAsync<AimlApiRedirectException>(() => client.CompleteAsync(Harness.Hello()))!;

        Assert.That(error.StatusCode, Is.EqualTo(status));
        Assert.That(error.Location, Is.EqualTo(location));
        Assert.That(error.Message, Does.Contain(status.ToString()).And.Contain(location.ToString()));
        Assert.That(Server.Requests, Has.Count.EqualTo(1), "a redirect is not retried");
        Assert.That(_other.Requests, Is.Empty);
    }

    [TestCase(302)]
    [TestCase(307)]
    public void CompleteStreamingAsync_WhenRedirectedToAnotherOrigin_ThrowsTheRedirectAndSendsNothingThere(int status)
    {
        var location = new Uri(_other.Url, "v1/chat/completions");
        Server.DefaultReply = FakeReply.Empty(status).WithHeader("Location", location.ToString());
        var client = TestClient.Create(Server, Harness.Fast);

        var error = Assert.ThrowsAsync<AimlApiRedirectException>(() => Harness.ReadAllAsync(client.CompleteStreamingAsync(Harness.Hello())))!;

        Assert.That(error.StatusCode, Is.EqualTo(status));
        Assert.That(error.Location, Is.EqualTo(location));
        Assert.That(_other.Requests, Is.Empty);
    }

    [TestCase(302)]
    [TestCase(307)]
    public void CompleteAsync_WhenAnInjectedHandlerFollowsTheRedirect_ThrowsTheRedirectInsteadOfTheOtherOriginsAnswer(int status)
    {
        var location = new Uri(_other.Url, "v1/chat/completions");
        Server.DefaultReply = FakeReply.Empty(status).WithHeader("Location", location.ToString());
        _other.DefaultReply = FakeReply.Completion("Not the service's answer.");
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = true }) { Timeout = Timeout.InfiniteTimeSpan };
        var client = TestClient.Create(Server, Harness.Fast, o => o.HttpClient = http);

        var error = Assert.ThrowsAsync<AimlApiRedirectException>(() => client.CompleteAsync(Harness.Hello()))!;

        Assert.That(error.Location, Is.EqualTo(location));
        Assert.That(error.Message, Does.Contain("AllowAutoRedirect"));
        Assert.That(Server.Requests, Has.Count.EqualTo(1), "a redirect is not retried");
    }

    [Test]
    public void CompleteAsync_When429AsksToRetryAfterAnHour_ThrowsAtOnceWithRetryAfter()
    {
        Server.DefaultReply = FakeReply.RateLimit(TimeSpan.FromSeconds(3600));
        var attempts = new AttemptLog();
        var client = TestClient.Create(Server, Harness.Fast, o =>
        {
            o.RetryPolicy = RetryPolicy.Default;
            attempts.AttachTo(o);
        });

        var error = Assert.ThrowsAsync<AimlApiRateLimitException>(() => Harness.Bounded(client.CompleteAsync(Harness.Hello())))!;

        Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromHours(1)));
        Assert.That(attempts.All.Single().WillRetry, Is.False);
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task CompleteAsync_WhenThe200BodyStalls_FailsAfterTheIdleLimitNamingTheBytesReceived()
    {
        const string Start = "{\"id\":\"chatcmpl-1";
        using var release = new CancellationTokenSource();
        await using var server = new RawHttpServer(async connection =>
        {
            await connection.ReadRequestAsync();
            var head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2000\r\n\r\n";
            await connection.WriteRawAsync(Encoding.UTF8.GetBytes(head + Start));
            await Task.Delay(Timeout.Infinite, release.Token).ContinueWith(_ => { });
        });
        var time = new FakeTimeProvider();
        var attempts = new AttemptLog();
        var client = TestClient.Create(server.Url, Harness.Fast, o =>
        {
            o.TimeProvider = time;
            o.StreamIdleTimeout = TimeSpan.FromSeconds(30);
            o.AttemptTimeout = Timeout.InfiniteTimeSpan;
            o.TotalTimeout = Timeout.InfiniteTimeSpan;
            attempts.AttachTo(o);
        });

        var error = Assert.ThrowsAsync<GeminiTimeoutException>(() => FakeClock.RunAsync(time, client.CompleteAsync(Harness.Hello()), TimeSpan.FromSeconds(30)))!;
        release.Cancel();

        Assert.That(error.Timeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(error.Message, Does.Contain("StreamIdleTimeout").And.Match(@"after \d+ bytes"));
        var bytes = int.Parse(Regex.Match(error.Message, @"after (\d+) bytes").Groups[1].Value);
        Assert.That(bytes, Is.InRange(0, Start.Length));
        Assert.That(server.Requests, Has.Count.EqualTo(1), "a body that started is never retried");
        Assert.That(attempts.All.Single().StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task CompleteStreamingAsync_WhenAnsweredWithAJsonCompletion_YieldsItAsOneChunkAndTheCompletion()
    {
        Server.DefaultReply = FakeReply.Raw(200, Harness.CompletionJson);
        var client = TestClient.Create(Server, Harness.Fast);
        var stream = client.CompleteStreamingAsync(Harness.Hello());

        var chunks = await Harness.Bounded(Collect(stream));

        Assert.That(chunks.Single().Text, Is.EqualTo("Hello there"));
        Assert.That(chunks.Single().FinishReason, Is.EqualTo(FinishReason.Stop));
        Assert.That(stream.Completion!.Text, Is.EqualTo("Hello there"));
        Assert.That(stream.Completion.FirstChoice!.Message!.ToolCalls!.Single().Function!.Name, Is.EqualTo("get_weather"));
        Assert.That(stream.Completion.ResponseInfo!.StatusCode, Is.EqualTo(200));
        Assert.That(stream.Accumulator.Text, Is.EqualTo("Hello there"));
    }

    [Test]
    public void CompleteStreamingAsync_WhenAnsweredWithHtml_ThrowsWithTheContentTypeAndARedactedExcerpt()
    {
        var page = $"<html><body><h1>Sign in</h1><p>token {Harness.ApiKey}</p>{new string('x', 10_000)}</body></html>";
        Server.DefaultReply = FakeReply.Raw(200, page, "text/html");
        var client = TestClient.Create(Server, Harness.Fast);

        var error = Assert.ThrowsAsync<AimlApiException>(() => Harness.ReadAllAsync(client.CompleteStreamingAsync(Harness.Hello())))!;

        Assert.That(error.StatusCode, Is.EqualTo(200));
        Assert.That(error.Message, Does.Contain("text/html").And.Contain("<h1>Sign in</h1>").And.Contain(Redactor.Mask));
        Assert.That(error.Message.Length, Is.LessThan(600), "the excerpt is capped");
        Assert.That(error.RawBody!.Length, Is.LessThanOrEqualTo(AimlApiException.MaxRawBodyLength));
        Assert.That(error.ToString(), Does.Not.Contain(Harness.ApiKey));
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }

    [TestCase("application/json", """{"status":"ok"}""", "the body has no choices")]
    [TestCase("application/problem+json", """[1,2]""", "Cannot deserialize")]
    public void CompleteStreamingAsync_WhenAnsweredWithJsonThatIsNotACompletion_ThrowsWithStatus200AndTheBody(string contentType, string body, string why)
    {
        Server.DefaultReply = FakeReply.Raw(200, body, contentType).WithInferenceId("inf-json");
        var client = TestClient.Create(Server, Harness.Fast);

        var error = Assert.ThrowsAsync<AimlApiException>(() => Harness.ReadAllAsync(client.CompleteStreamingAsync(Harness.Hello())))!;

        Assert.That(error.StatusCode, Is.EqualTo(200));
        Assert.That(error.Message, Does.StartWith("AIML API returned 200 OK: the body is not a chat completion the SDK can read (").And.Contain("(x-inference-id inf-json)"));
        Assert.That(error.Message, Does.Contain("(" + why));
        Assert.That(error.InferenceId, Is.EqualTo("inf-json"));
        Assert.That(Server.Requests, Has.Count.EqualTo(1), "a 200 is not retried");
    }

    private static async Task<System.Collections.Generic.List<ChatCompletionChunk>> Collect(ChatStream stream)
    {
        var chunks = new System.Collections.Generic.List<ChatCompletionChunk>();
        await foreach (var chunk in stream)
        {
            chunks.Add(chunk);
        }

        return chunks;
    }
}
