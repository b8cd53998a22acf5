using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Gemini.Generated.Tests.Reliability;
using Gemini.Generated.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>
/// The call pipeline's timeouts, retries and failure messages, in process on a fake clock: which timeout a timed-out attempt
/// names and how long each attempt may run, when a Retry-After wait would outlast the call, word-for-word failure messages,
/// and, from a UI-like synchronization context, that no continuation of the SDK's is posted to it however the body arrives
/// (the test opens the gate of a <see cref="GatedContent"/> only after the call is waiting).
/// </summary>
public class CallPipelineTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Test]
    public async Task AnAttemptTimeout_IsNamedWordForWord_AfterOneAttempt()
    {
        var time = new FakeTimeProvider();
        var client = Harness.InProcessClient(new Handler(Hang), o => Timeouts(o, time, attempt: Minute, total: Timeout.InfiniteTimeSpan));

        var error = Assert.ThrowsAsync<GeminiTimeoutException>(() => FakeClock.RunAsync(time, client.CompleteAsync(Harness.Hello()), Step))!;

        Assert.That(error.Message, Is.EqualTo(
            "No response within the attempt timeout (GeminiClientOptions.AttemptTimeout) of 60 s, after 1 attempt. " +
            "A completion that timed out on the client may still have run, and been billed, on the server."));
        Assert.That(error.Timeout, Is.EqualTo(Minute));
    }

    [Test]
    public async Task AttemptTimeoutsRetried_CountTheAttemptsInThePlural()
    {
        var time = new FakeTimeProvider();
        var handler = new Handler(Hang);
        var client = Harness.InProcessClient(handler, o =>
        {
            Timeouts(o, time, attempt: Minute, total: Timeout.InfiniteTimeSpan);
            o.RetryPolicy.RetryOnTimeout = true;
        });

        var error = Assert.ThrowsAsync<GeminiTimeoutException>(() => FakeClock.RunAsync(time, client.CompleteAsync(Harness.Hello()), Step))!;

        Assert.That(error.Message, Does.StartWith("No response within the attempt timeout (GeminiClientOptions.AttemptTimeout) of 60 s, after 3 attempts. "));
        Assert.That(handler.Calls, Is.EqualTo(3));
    }

    [Test]
    public async Task AnAttemptTimeoutAsLongAsTheTotal_IsTheAttemptTimeout()
    {
        var time = new FakeTimeProvider();
        var client = Harness.InProcessClient(new Handler(Hang), o => Timeouts(o, time, attempt: Minute, total: Minute));

        var error = Assert.ThrowsAsync<GeminiTimeoutException>(() => FakeClock.RunAsync(time, client.CompleteAsync(Harness.Hello()), Step))!;

        Assert.That(error.Message, Does.Contain("(GeminiClientOptions.AttemptTimeout) of 60 s"));
    }

    [Test]
    public async Task ATotalTimeoutAlone_EndsTheCallAndIsNamed()
    {
        var time = new FakeTimeProvider();
        var client = Harness.InProcessClient(new Handler(Hang), o => Timeouts(o, time, attempt: Timeout.InfiniteTimeSpan, total: Minute));

        var error = Assert.ThrowsAsync<GeminiTimeoutException>(() => FakeClock.RunAsync(time, client.CompleteAsync(Harness.Hello()), Step))!;

        Assert.That(error.Message, Does.StartWith("No response within the call's total timeout (GeminiClientOptions.TotalTimeout) of 60 s, after 1 attempt."));
        Assert.That(error.Timeout, Is.EqualTo(Minute));
    }

    [Test]
    public async Task AfterARetryAfterWait_TheNextAttemptGetsOnlyWhatIsLeftOfTheTotal()
    {
        var time = new FakeTimeProvider();
        var start = time.GetUtcNow();
        var cutAt = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new Handler(async (call, token) =>
        {
            if (call == 1)
            {
                return RetryAfter(10);
            }

            // The timer's cancellation runs inside FakeTimeProvider.Advance, so this reads the fake time the timer fired at.
            using (token.Register(() => cutAt.TrySetResult(time.GetUtcNow())))
            {
                return await Hang(call, token);
            }
        });
        var client = Harness.InProcessClient(handler, o =>
        {
            Timeouts(o, time, attempt: Timeout.InfiniteTimeSpan, total: TimeSpan.FromSeconds(25));
            o.RetryPolicy.MaxRetryAfter = Minute;
        });

        var error = Assert.ThrowsAsync<GeminiTimeoutException>(() => FakeClock.RunAsync(time, client.CompleteAsync(Harness.Hello()), TimeSpan.FromSeconds(1)))!;

        Assert.That(await Harness.Bounded(cutAt.Task) - start, Is.EqualTo(TimeSpan.FromSeconds(25)), "the second attempt ends with the call's 25 s");
        Assert.That(error.Attempts, Is.EqualTo(2));
        Assert.That(error.Message, Does.Contain("GeminiClientOptions.TotalTimeout"));
    }

    [Test]
    public async Task ARetryAfterReachingExactlyTheTotalTimeout_IsNotWaitedFor()
    {
        var handler = new Handler((_, _) => Task.FromResult(RetryAfter(10)));
        var client = Harness.InProcessClient(handler, o =>
        {
            Timeouts(o, new FakeTimeProvider(), attempt: Timeout.InfiniteTimeSpan, total: TimeSpan.FromSeconds(10));
            o.RetryPolicy.MaxRetryAfter = Minute;
        });

        // The fake clock never moves: a wait would never end.
        var error = Assert.ThrowsAsync<AimlApiException>(() => Harness.Bounded(client.CompleteAsync(Harness.Hello())))!;

        Assert.That(error.StatusCode, Is.EqualTo(503));
        Assert.That(handler.Calls, Is.EqualTo(1));
    }

    [TestCase(5)]
    [TestCase(10)]
    public async Task ARetryThatStartsWhenTheTotalIsUsedUp_StillGetsItsAttempt(int jump)
    {
        // The Retry-After wait of 1 s ends only when the clock jumps to or past the total of 5 s: the retry's attempt gets the
        // least time there is (1 ms), which the fake clock does not reach before the in-process answer.
        var time = new FakeTimeProvider();
        var handler = new Handler((call, _) => Task.FromResult(call == 1 ? RetryAfter(1) : StubHandler.Response(200, Harness.CompletionJson)));
        var client = Harness.InProcessClient(handler, o =>
        {
            Timeouts(o, time, attempt: Timeout.InfiniteTimeSpan, total: TimeSpan.FromSeconds(5));
            o.RetryPolicy.MaxRetryAfter = Minute;
        });

        var completion = await FakeClock.RunAsync(time, client.CompleteAsync(Harness.Hello()), TimeSpan.FromSeconds(jump));

        Assert.That(completion.Text, Is.EqualTo("Hello there"));
        Assert.That(handler.Calls, Is.EqualTo(2));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task AnAttemptTheCallerCancels_IsStillReportedToOnAttempt()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = new ConcurrentQueue<GeminiAttempt>();
        var client = Harness.InProcessClient(new Handler((call, token) =>
        {
            entered.TrySetResult();
            return Hang(call, token);
        }), o => o.OnAttempt = attempts.Enqueue);
        using var cancellation = new CancellationTokenSource();

        var call = client.CompleteAsync(Harness.Hello(), cancellation.Token);
        await Harness.Bounded(entered.Task);
        cancellation.Cancel();

        Assert.CatchAsync<OperationCanceledException>(() => Harness.Bounded(call));
        Assert.That(attempts, Has.Count.EqualTo(1));
        Assert.That(attempts.TryPeek(out var attempt) ? (attempt.Number, attempt.Error, attempt.RetryDelay) : default, Is.EqualTo((1, (Exception?)null, (TimeSpan?)null)));
    }

    [Test]
    public void AConnectFailure_SaysWhatFailedAndWhy_WithTheAttempts()
    {
        var client = Harness.InProcessClient(new Handler((_, _) =>
            throw new HttpRequestException("An error occurred while sending the request.", new IOException("Connection refused by peer."))));

        var error = Assert.ThrowsAsync<GeminiNetworkException>(() => client.CompleteAsync(Harness.Hello()))!;

        Assert.That(error.Message, Is.EqualTo(
            "Could not reach the AI/ML API at http://127.0.0.1/: An error occurred while sending the request (Connection refused by peer). Attempts: 3."));
    }

    [Test]
    public void AnInnerMessageTheOuterOneAlreadyHas_IsNotRepeated()
    {
        var client = Harness.InProcessClient(new Handler((_, _) =>
            throw new HttpRequestException("Connection refused (127.0.0.1:443).", new IOException("Connection refused"))));

        var error = Assert.ThrowsAsync<GeminiNetworkException>(() => client.CompleteAsync(Harness.Hello()))!;

        Assert.That(error.Message, Is.EqualTo("Could not reach the AI/ML API at http://127.0.0.1/: Connection refused (127.0.0.1:443). Attempts: 3."));
    }

    [Test]
    public void ABodyThatBreaksAfterTheHeaders_SaysItMayHaveBeenBilled()
    {
        var handler = new Handler((_, _) => Task.FromResult(Ok(BodyFailingWith(new IOException("Connection reset.")))));
        var client = Harness.InProcessClient(handler);

        var error = Assert.ThrowsAsync<GeminiNetworkException>(() => client.CompleteAsync(Harness.Hello()))!;

        Assert.That(error.Message, Is.EqualTo(
            "The connection failed while reading the response from http://127.0.0.1/: Connection reset. " +
            "The request may have run, and been billed, on the server; it was not retried."));
        Assert.That(handler.Calls, Is.EqualTo(1));
    }

    [Test]
    public void ACancellationNoTimerCaused_WhileTheBodyIsRead_IsNotCalledAnIdleTimeout()
    {
        var client = Harness.InProcessClient(new Handler((_, _) =>
            Task.FromResult(Ok(BodyFailingWith(new OperationCanceledException("Cancelled by a handler."))))));

        var error = Assert.CatchAsync<Exception>(() => client.CompleteAsync(Harness.Hello()))!;

        Assert.That(error.Message, Does.Not.Contain("stopped arriving"));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void ACallWhoseBodyArrivesLater_NeverPostsToAUiLikeContext(bool opensLater)
    {
        var arrived = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = Harness.InProcessClient(new Handler((_, _) => Task.FromResult(Ok(new GatedContent(Json, "application/json", arrived.Task, opensLater)))));
        var context = new CountingContext();

        var call = context.Run(() => client.CompleteAsync(Harness.Hello()));
        arrived.SetResult(true);

        Assert.That(call.GetAwaiter().GetResult().Text, Is.EqualTo("Hello there"));
        Assert.That(context.Posts, Is.Zero);
    }

    [Test]
    public async Task ARetryWaitedOnAUiLikeThread_NeverPostsToItsContext()
    {
        var time = new FakeTimeProvider();
        var handler = new Handler((call, _) => Task.FromResult(call == 1 ? RetryAfter(1) : StubHandler.Response(200, Harness.CompletionJson)));
        var client = Harness.InProcessClient(handler, o =>
        {
            o.TimeProvider = time;
            o.RetryPolicy.MaxRetryAfter = Minute;
        });
        var context = new CountingContext();

        // The call starts on the context's thread and reaches the Retry-After wait there; the fake clock ends the wait elsewhere.
        var call = context.Run(() => client.CompleteAsync(Harness.Hello()));
        var completion = await FakeClock.RunAsync(time, call, Step);

        Assert.That(completion.Text, Is.EqualTo("Hello there"));
        Assert.That(handler.Calls, Is.EqualTo(2));
        Assert.That(context.Posts, Is.Zero);
    }

    [TestCase("string", true)]
    [TestCase("string", false)]
    [TestCase("stream array", false)]
    [TestCase("stream memory", false)]
    public void ALimitedBodyArrivingLater_NeverPostsToAUiLikeContext(string how, bool opensLater)
    {
        var arrived = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var content = new LimitedContent(new GatedContent(Encoding.ASCII.GetBytes("0123456789"), "text/plain", arrived.Task, opensLater), 100);
        var context = new CountingContext();

        var reading = context.Run(() => Read(content, how));
        arrived.SetResult(true);

        Assert.That(reading.GetAwaiter().GetResult(), Is.EqualTo("0123456789"));
        Assert.That(context.Posts, Is.Zero);
    }

    [Test]
    public void DisposingTheLimitedContent_DisposesItAndTheContentItWraps()
    {
        var inner = new StringContent("body");
        var content = new LimitedContent(inner, 100);

        content.Dispose();

        var own = Assert.ThrowsAsync<ObjectDisposedException>(() => content.ReadAsStringAsync())!;
        var wrapped = Assert.ThrowsAsync<ObjectDisposedException>(() => inner.ReadAsStringAsync())!;
        Assert.That(own.ObjectName, Is.EqualTo(typeof(LimitedContent).FullName));
        Assert.That(wrapped.ObjectName, Is.EqualTo(typeof(StringContent).FullName));
    }

    private static TimeSpan Step => TimeSpan.FromSeconds(10);

    private static void Timeouts(GeminiClientOptions options, TimeProvider time, TimeSpan attempt, TimeSpan total)
    {
        options.TimeProvider = time;
        options.AttemptTimeout = attempt;
        options.TotalTimeout = total;
    }

    private static async Task<HttpResponseMessage> Hang(int call, CancellationToken token)
    {
        await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false);
        throw new InvalidOperationException("unreachable");
    }

    private static HttpResponseMessage RetryAfter(int seconds)
    {
        var response = StubHandler.Response(503, """{"error":{"message":"Busy."}}""");
        response.Headers.TryAddWithoutValidation("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return response;
    }

    private static HttpResponseMessage Ok(HttpContent content) => new(HttpStatusCode.OK) { Content = content };

    private static byte[] Json => Encoding.UTF8.GetBytes(Harness.CompletionJson);

    /// <summary>A completion whose body fails with <paramref name="error"/> as it is read, after the headers arrived.</summary>
    private static GatedContent BodyFailingWith(Exception error) => new(Json, "application/json", Task.FromException(error));

    /// <summary>Reads <paramref name="content"/> whole as a string, or its stream once into an array or a memory.</summary>
    private static async Task<string> Read(HttpContent content, string how)
    {
        if (how == "string")
        {
            return await content.ReadAsStringAsync().ConfigureAwait(false);
        }

        using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
        var buffer = new byte[10];
        var read = how == "stream array"
            ? await stream.ReadAsync(buffer, 0, 10).ConfigureAwait(false)
            : await stream.ReadAsync(buffer.AsMemory()).ConfigureAwait(false);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }

    /// <summary>A handler that answers each call (numbered from 1) with <c>respond</c>, which may wait.</summary>
    private sealed class Handler : HttpMessageHandler
    {
        private readonly Func<int, CancellationToken, Task<HttpResponseMessage>> _respond;
        private int _calls;

        public Handler(Func<int, CancellationToken, Task<HttpResponseMessage>> respond) => _respond = respond;

        public int Calls => Volatile.Read(ref _calls);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            _respond(Interlocked.Increment(ref _calls), cancellationToken);
    }
}
