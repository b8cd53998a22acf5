using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Gemini.Generated.Tests.Reliability;

/// <summary>When the client retries, how long it waits, and when it must not retry.</summary>
public class RetryTests : FakeServerTestBase
{
    [Test]
    public void Default_HasTheDocumentedSettings()
    {
        var policy = RetryPolicy.Default;

        Assert.That(policy.MaxRetries, Is.EqualTo(2));
        Assert.That(policy.InitialBackoff, Is.EqualTo(TimeSpan.FromMilliseconds(500)));
        Assert.That(policy.MaxBackoff, Is.EqualTo(TimeSpan.FromSeconds(8)));
        Assert.That(policy.MaxRetryAfter, Is.EqualTo(TimeSpan.FromSeconds(60)));
        Assert.That(policy.RetryableStatusCodes, Is.EquivalentTo(new[] { 408, 429, 500, 502, 503, 504 }));
        Assert.That(policy.RetryOnTimeout, Is.False);
        Assert.That(policy.RetryBudget, Is.EqualTo(100));
        Assert.That(policy.RetryCost, Is.EqualTo(5));
        Assert.That(new GeminiClientOptions().RetryPolicy.ToString(), Is.EqualTo(policy.ToString()));
    }

    [TestCase(408, 3, typeof(AimlApiException))]
    [TestCase(429, 3, typeof(AimlApiRateLimitException))]
    [TestCase(500, 3, typeof(AimlApiException))]
    [TestCase(502, 3, typeof(AimlApiException))]
    [TestCase(503, 3, typeof(AimlApiException))]
    [TestCase(504, 3, typeof(AimlApiException))]
    [TestCase(400, 1, typeof(AimlApiException))]
    [TestCase(401, 1, typeof(AimlApiAuthenticationException))]
    [TestCase(403, 1, typeof(AimlApiAuthenticationException))]
    [TestCase(404, 1, typeof(AimlApiException))]
    public void CompleteAsync_WhenTheServiceAnswersAnError_RetriesOnlyRetryableStatusesThenThrowsTheTypedError(int status, int requests, Type type)
    {
        Server.DefaultReply = FakeReply.Error(status, "Upstream trouble.");
        var client = TestClient.Create(Server, Harness.Fast);

        var error = (AimlApiException)Assert.ThrowsAsync(Is.TypeOf(type), () => client.CompleteAsync(Harness.Hello()))!;

        Assert.That(error.StatusCode, Is.EqualTo(status));
        Assert.That(error.ServiceMessage, Is.EqualTo("Upstream trouble."));
        Assert.That(Server.Requests, Has.Count.EqualTo(requests));
    }

    [Test]
    public async Task CompleteAsync_WhenARetryableErrorIsFollowedBySuccess_ReturnsTheCompletionWithTheAttemptCount()
    {
        Server.Enqueue(FakeReply.Error(503, "Busy."), FakeReply.Error(502, "Bad gateway."), FakeReply.Completion("Finally."));
        var client = TestClient.Create(Server, Harness.Fast);

        var completion = await client.CompleteAsync(Harness.Hello());

        Assert.That(completion.Text, Is.EqualTo("Finally."));
        Assert.That(completion.ResponseInfo!.Attempts, Is.EqualTo(3));
        Assert.That(Server.Requests, Has.Count.EqualTo(3));
    }

    [TestCase(400)]
    [TestCase(401)]
    [TestCase(403)]
    [TestCase(404)]
    public void Constructor_WhenRetryableStatusCodesContainAClientError_ThrowsArgumentException(int status)
    {
        var options = new GeminiClientOptions { ApiKey = Harness.ApiKey, RetryPolicy = new RetryPolicy() };
        options.RetryPolicy.RetryableStatusCodes.Add(status);

        var error = Assert.Throws<ArgumentException>(() => _ = new GeminiClient(options))!;

        Assert.That(error.ParamName, Is.EqualTo("RetryPolicy.RetryableStatusCodes"));
        Assert.That(error.Message, Does.Contain(status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void CompleteAsync_WhenNothingListensOnThePort_RetriesThenThrowsNetworkException()
    {
        var attempts = new AttemptLog();
        var client = TestClient.Create(Harness.ClosedPort(), Harness.Fast, attempts.AttachTo);

        var error = Assert.ThrowsAsync<GeminiNetworkException>(() => client.CompleteAsync(Harness.Hello()))!;

        Assert.That(error.Attempts, Is.EqualTo(3));
        Assert.That(attempts.All.Select(a => a.Number), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(attempts.All.Select(a => a.StatusCode), Is.All.Null);
        Assert.That(attempts.All.Select(a => a.WillRetry), Is.EqualTo(new[] { true, true, false }));
    }

    [Test]
    public void CompleteAsync_WhenRetrying_WaitsAnExponentialBackoffWithFullJitterCappedAtMaxBackoff()
    {
        Server.DefaultReply = FakeReply.Error(503, "Busy.");
        var attempts = new AttemptLog();
        var policy = new RetryPolicy { MaxRetries = 5, InitialBackoff = TimeSpan.FromMilliseconds(2), MaxBackoff = TimeSpan.FromMilliseconds(5) };
        var client = TestClient.Create(Server, Harness.Fast, o =>
        {
            o.RetryPolicy = policy;
            attempts.AttachTo(o);
        });

        Assert.ThrowsAsync<AimlApiException>(() => client.CompleteAsync(Harness.Hello()));

        var delays = attempts.All.Take(5).Select(a => a.RetryDelay!.Value).ToArray();
        Assert.That(delays, Has.Length.EqualTo(5));
        for (var retry = 1; retry <= delays.Length; retry++)
        {
            var exponential = TimeSpan.FromMilliseconds(2 * Math.Pow(2, retry - 1));
            Assert.That(delays[retry - 1], Is.InRange(TimeSpan.Zero, exponential), $"retry {retry}");
            Assert.That(delays[retry - 1], Is.LessThanOrEqualTo(policy.MaxBackoff), $"retry {retry}");
        }

        Assert.That(attempts.All.Last().RetryDelay, Is.Null);
        Assert.That(Server.Requests, Has.Count.EqualTo(6));
    }

    [Test]
    public void CompleteAsync_WhenRetryingManyCalls_DrawsDifferentJitteredDelaysBelowTheBackoff()
    {
        Server.DefaultReply = FakeReply.Error(503, "Busy.");
        var attempts = new AttemptLog();
        var client = TestClient.Create(Server, Harness.Fast, o =>
        {
            o.RetryPolicy = new RetryPolicy { MaxRetries = 1, InitialBackoff = TimeSpan.FromMilliseconds(4), MaxBackoff = TimeSpan.FromMilliseconds(4) };
            attempts.AttachTo(o);
        });

        for (var call = 0; call < 10; call++)
        {
            Assert.ThrowsAsync<AimlApiException>(() => client.CompleteAsync(Harness.Hello()));
        }

        var delays = attempts.All.Where(a => a.WillRetry).Select(a => a.RetryDelay!.Value).ToArray();
        Assert.That(delays, Has.Length.EqualTo(10));
        Assert.That(delays, Is.All.InRange(TimeSpan.Zero, TimeSpan.FromMilliseconds(4)));
        Assert.That(delays.Distinct().Count(), Is.GreaterThan(1), "full jitter draws a random wait each time");
    }

    [TestCase(1, 0.0, 0)]
    [TestCase(1, 1.0, 500)]
    [TestCase(2, 1.0, 1000)]
    [TestCase(3, 1.0, 2000)]
    [TestCase(3, 0.5, 1000)]
    [TestCase(5, 1.0, 8000)]
    [TestCase(9, 1.0, 8000)]
    [TestCase(9, 0.25, 2000)]
    public void Backoff_ByDefault_IsTheRandomFractionOfTheDoublingBackoffCappedAtEightSeconds(int retry, double random, int expectedMs)
    {
        Assert.That(RetryPolicy.Default.Backoff(retry, random), Is.EqualTo(TimeSpan.FromMilliseconds(expectedMs)));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task CompleteAsync_WhenRetryAfterIsInSeconds_WaitsExactlyThatLong()
    {
        var (first, _, _) = await FirstAttemptOfACallCancelledDuringItsWait(FakeReply.RateLimit(TimeSpan.FromSeconds(30)));

        Assert.That(first.RetryDelay, Is.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task CompleteAsync_WhenRetryAfterIsAnHttpDate_WaitsUntilThatDate()
    {
        var date = DateTimeOffset.UtcNow.AddSeconds(30);
        date = new DateTimeOffset(date.Year, date.Month, date.Day, date.Hour, date.Minute, date.Second, TimeSpan.Zero);
        var reply = FakeReply.Error(503, "Busy.").WithHeader("Retry-After", date.ToString("r", System.Globalization.CultureInfo.InvariantCulture));

        var (first, before, after) = await FirstAttemptOfACallCancelledDuringItsWait(reply);

        Assert.That(first.RetryDelay, Is.InRange(date - after, date - before), "the wait is the date minus the time the response was read");
    }

    [TestCase("3600")]
    [TestCase("Fri, 31 Dec 2100 23:59:59 GMT")]
    public void CompleteAsync_WhenRetryAfterExceedsMaxRetryAfter_ThrowsAtOnceWithRetryAfter(string retryAfter)
    {
        Server.Enqueue(FakeReply.Error(429, "Slow down.").WithHeader("Retry-After", retryAfter), FakeReply.Completion("Done."));
        var attempts = new AttemptLog();
        var client = TestClient.Create(Server, Harness.Fast, o =>
        {
            o.RetryPolicy = new RetryPolicy { MaxRetryAfter = TimeSpan.FromSeconds(60) };
            attempts.AttachTo(o);
        });

        var error = Assert.ThrowsAsync<AimlApiRateLimitException>(() => Harness.Bounded(client.CompleteAsync(Harness.Hello())))!;

        Assert.That(error.RetryAfter, Is.GreaterThan(TimeSpan.FromMinutes(59)));
        Assert.That(attempts.All.Single().WillRetry, Is.False);
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task CompleteAsync_WhenRetryAfterEqualsMaxRetryAfter_WaitsThatLongAndRetries()
    {
        Server.Enqueue(FakeReply.Error(429, "Slow down.").WithHeader("Retry-After", "1"), FakeReply.Completion("Done."));
        var attempts = new AttemptLog();
        var time = new FakeTimeProvider();
        var client = TestClient.Create(Server, Harness.Fast, o =>
        {
            o.RetryPolicy = new RetryPolicy { MaxRetryAfter = TimeSpan.FromSeconds(1) };
            o.TimeProvider = time;
            attempts.AttachTo(o);
        });

        var completion = await FakeClock.RunAsync(time, client.CompleteAsync(Harness.Hello()), TimeSpan.FromSeconds(1));

        Assert.That(completion.Text, Is.EqualTo("Done."));
        Assert.That(attempts.All[0].RetryDelay, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(Server.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public void CompleteAsync_WhenTheRetryWaitWouldPassTheTotalTimeout_DoesNotRetry()
    {
        Server.Enqueue(FakeReply.RateLimit(TimeSpan.FromSeconds(30)), FakeReply.Completion("Too late."));
        var attempts = new AttemptLog();
        var client = TestClient.Create(Server, Harness.Fast, o =>
        {
            o.RetryPolicy = new RetryPolicy();
            o.TotalTimeout = TimeSpan.FromSeconds(5);
            attempts.AttachTo(o);
        });

        var error = Assert.ThrowsAsync<AimlApiRateLimitException>(() => Harness.Bounded(client.CompleteAsync(Harness.Hello())))!;

        Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(attempts.All.Single().WillRetry, Is.False);
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task CompleteAsync_WhenCancelledDuringALongRetryAfterWait_EndsWithOperationCanceledException()
    {
        // The helper cancels once the first failure is reported, and asserts the call ends with OperationCanceledException.
        var (first, _, _) = await FirstAttemptOfACallCancelledDuringItsWait(FakeReply.RateLimit(TimeSpan.FromSeconds(50)));

        Assert.That(first.WillRetry, Is.True);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task CompleteAsync_WhenTheBodyBreaksMidway_IsNotRetried()
    {
        await using var server = new RawHttpServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteChunkedHeadAsync(contentType: "application/json");
            await connection.WriteChunkAsync(Harness.CompletionJson.Substring(0, Harness.CompletionJson.Length / 2));
            // A graceful close: the client reads the headers and half the body, then the end of the connection.
            connection.Close();
        });
        var client = TestClient.Create(server.Url, Harness.Fast, o => o.RetryPolicy = new RetryPolicy { InitialBackoff = TimeSpan.Zero, MaxBackoff = TimeSpan.Zero });

        var error = Assert.ThrowsAsync<GeminiNetworkException>(() => Harness.Bounded(client.CompleteAsync(Harness.Hello())))!;

        Assert.That(error.Message, Does.Contain("may have run, and been billed, on the server; it was not retried"));
        Assert.That(error.Attempts, Is.EqualTo(1));
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    [CancelAfter(5000)]
    public void CompleteStreamingAsync_WhenTheConnectionDropsAfterTheFirstByte_DoesNotRetry()
    {
        Server.DefaultReply = FakeReply.Completion("one two three").ThenDisconnect();
        var client = TestClient.Create(Server, Harness.Fast);

        var error = Assert.ThrowsAsync<GeminiStreamException>(() => Harness.Bounded(Harness.ReadAllAsync(client.CompleteStreamingAsync(Harness.Hello()))))!;

        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.ConnectionLost));
        Assert.That(error.Partial.Text, Is.EqualTo("one two three"));
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task CompleteStreamingAsync_WhenTheServerResetsAfterTheFirstEvent_DoesNotRetry()
    {
        await using var server = new RawHttpServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteChunkedHeadAsync();
            await connection.WriteChunkAsync("""
                data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":"Hel"}}]}


                """);
            connection.Reset();
        });
        var client = TestClient.Create(server.Url, Harness.Fast);

        var error = Assert.ThrowsAsync<GeminiStreamException>(() => Harness.Bounded(Harness.ReadAllAsync(client.CompleteStreamingAsync(Harness.Hello()))))!;

        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.ConnectionLost));
        Assert.That(error.Partial.Text, Is.EqualTo("Hel"));
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task CompleteStreamingAsync_WhenTheFirstAttemptFailsBeforeAnyByte_RetriesAndStreams()
    {
        Server.Enqueue(FakeReply.Error(503, "Busy."), FakeReply.Completion("a b"));
        var client = TestClient.Create(Server, Harness.Fast);

        var pieces = await Harness.Bounded(Harness.ReadAllAsync(client.CompleteStreamingAsync(Harness.Hello())));

        Assert.That(string.Concat(pieces), Is.EqualTo("a b"));
        Assert.That(Server.Requests, Has.Count.EqualTo(2));
    }

    /// <summary>
    /// Starts a call that gets <paramref name="reply"/> and then would succeed, cancels it once the first failure is reported
    /// (while it waits to retry), and checks that it ends with OperationCanceledException after that one request.
    /// </summary>
    private async Task<(GeminiAttempt First, DateTimeOffset Before, DateTimeOffset After)> FirstAttemptOfACallCancelledDuringItsWait(FakeReply reply)
    {
        Server.Enqueue(reply, FakeReply.Completion("Never."));
        var attempts = new AttemptLog();
        using var cancellation = new CancellationTokenSource();
        var client = TestClient.Create(Server, Harness.Fast, o =>
        {
            o.RetryPolicy = new RetryPolicy();
            attempts.AttachTo(o);
        });

        var before = DateTimeOffset.UtcNow;
        var call = client.CompleteAsync(Harness.Hello(), cancellation.Token);
        var first = await Harness.Bounded(attempts.FirstFailure);
        var after = DateTimeOffset.UtcNow;
        cancellation.Cancel();

        Assert.CatchAsync<OperationCanceledException>(() => Harness.Bounded(call));
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
        return (first, before, after);
    }

    [Test]
    public void CompleteAsync_WhenTheHandlerFailsInAWayNoOneExpects_ThrowsAGeminiExceptionOnceWithTheKeyRedacted()
    {
        var calls = 0;
        var client = Harness.InProcessClient(new StubHandler(_ =>
        {
            calls++;
            throw new InvalidOperationException($"handler broke holding {Harness.ApiKey}");
        }));

        var error = Assert.ThrowsAsync<GeminiException>(() => client.CompleteAsync(Harness.Hello()))!;

        Assert.That(error.GetType(), Is.EqualTo(typeof(GeminiException)));
        Assert.That(error.Message, Is.EqualTo($"Unexpected failure calling the AI/ML API: handler broke holding {Redactor.Mask}"));
        Assert.That(error.ToString(), Does.Not.Contain(Harness.ApiKey));
        Assert.That(error.InnerException!.Message, Does.StartWith("InvalidOperationException: "));
        Assert.That(calls, Is.EqualTo(1), "an unknown failure is not retried");
    }
}
