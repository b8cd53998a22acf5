using System;
using System.Threading;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Streaming;
using Gemini.Generated.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Gemini.Generated.Tests.Reliability;

/// <summary>The client's own timeouts are <see cref="GeminiTimeoutException"/>; the caller's cancellation is never one.</summary>
public class TimeoutTests : FakeServerTestBase
{
    /// <summary>A timeout of the SDK's, on a fake clock.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(1);

    /// <summary>How far the fake clock moves at a time while a call runs.</summary>
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(10);

    [TestCase(nameof(GeminiClientOptions.AttemptTimeout))]
    [TestCase(nameof(GeminiClientOptions.TotalTimeout))]
    public async Task CompleteAsync_WhenTheServerIsSlowerThanATimeout_ThrowsTimeoutNamingItWithoutRetrying(string timeout)
    {
        await using var server = new HeldStreamServer(sendHead: false);
        var time = new FakeTimeProvider();
        var client = TestClient.Create(server.Url, Harness.Fast, o =>
        {
            o.TimeProvider = time;
            if (timeout == nameof(GeminiClientOptions.AttemptTimeout))
            {
                o.AttemptTimeout = Limit;
            }
            else
            {
                o.TotalTimeout = Limit;
            }
        });

        var error = Assert.ThrowsAsync<GeminiTimeoutException>(() => FakeClock.RunAsync(time, client.CompleteAsync(Harness.Hello()), Step))!;

        Assert.That(error.Timeout, Is.EqualTo(Limit));
        Assert.That(error.Attempts, Is.EqualTo(1));
        Assert.That(error.Message, Does.Contain(timeout));
        Assert.That(server.ConnectionCount, Is.EqualTo(1));
    }

    [Test]
    public async Task CompleteAsync_WhenRetryOnTimeoutIsSet_RetriesAnAttemptThatTimedOut()
    {
        var connections = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new RawHttpServer(async connection =>
        {
            await connection.ReadRequestAsync();
            if (Interlocked.Increment(ref connections) == 1)
            {
                await release.Task; // the first attempt is never answered
            }
            else
            {
                await connection.WriteResponseAsync(200, Harness.CompletionJson);
            }
        });
        var time = new FakeTimeProvider();
        var client = TestClient.Create(server.Url, Harness.Fast, o =>
        {
            o.TimeProvider = time;
            o.AttemptTimeout = Limit;
            o.RetryPolicy.RetryOnTimeout = true;
        });

        try
        {
            var completion = await FakeClock.RunAsync(time, client.CompleteAsync(Harness.Hello()), Step);

            Assert.That(completion.Text, Is.EqualTo("Hello there"));
            Assert.That(completion.ResponseInfo!.Attempts, Is.EqualTo(2));
            Assert.That(server.Requests, Has.Count.EqualTo(2));
        }
        finally
        {
            release.SetResult();
        }
    }

    [Test]
    [CancelAfter(5000)]
    public async Task CompleteAsync_WhenTheBodyStallsAfterTheHeaders_DoesNotRetryEvenWithRetryOnTimeout()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new RawHttpServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteChunkedHeadAsync(200, "application/json");
            await connection.WriteChunkAsync("""{"id":"chatcmpl-1","choices":[""");
            await release.Task;
        });
        var time = new FakeTimeProvider();
        var client = TestClient.Create(server.Url, Harness.Fast, o =>
        {
            o.TimeProvider = time;
            o.AttemptTimeout = Limit;
            o.RetryPolicy.RetryOnTimeout = true;
        });

        try
        {
            var error = Assert.ThrowsAsync<GeminiTimeoutException>(() => FakeClock.RunAsync(time, client.CompleteAsync(Harness.Hello()), Step))!;

            Assert.That(error.Attempts, Is.EqualTo(1));
            Assert.That(server.Requests, Has.Count.EqualTo(1));
        }
        finally
        {
            release.SetResult();
        }
    }

    [Test]
    public async Task CompleteAsync_WhenRetriesWouldRunPastTheTotalTimeout_StopsAtTheTotalTimeout()
    {
        await using var server = new HeldStreamServer(sendHead: false);
        var time = new FakeTimeProvider();
        var client = TestClient.Create(server.Url, Harness.Fast, o =>
        {
            o.TimeProvider = time;
            o.AttemptTimeout = TimeSpan.FromSeconds(100);
            o.TotalTimeout = TimeSpan.FromSeconds(250);
            o.RetryPolicy = Harness.FastRetries(maxRetries: 10);
            o.RetryPolicy.RetryOnTimeout = true;
        });

        var error = Assert.ThrowsAsync<GeminiTimeoutException>(() => FakeClock.RunAsync(time, client.CompleteAsync(Harness.Hello()), TimeSpan.FromSeconds(10)))!;

        // Attempts of 100 s within 250 s (on the fake clock): two time out on their own, the third is cut by what is left of
        // the total. Without the total timeout, the budget would allow 11 attempts.
        Assert.That(error.Attempts, Is.EqualTo(3));
        Assert.That(error.Timeout, Is.EqualTo(TimeSpan.FromSeconds(250)));
        Assert.That(error.Message, Does.Contain(nameof(GeminiClientOptions.TotalTimeout)));
        Assert.That(server.ConnectionCount, Is.EqualTo(error.Attempts), "the total timeout ends the call before the retries run out");
    }

    [Test]
    public async Task CompleteAsync_WhenTheInjectedHttpClientTimesOut_NamesItsTimeoutAndValue()
    {
        // HttpClient.Timeout runs on the wall clock; the server never answers, so only when it fires is left to the machine.
        await using var server = new HeldStreamServer(sendHead: false);
        using var http = new System.Net.Http.HttpClient { Timeout = TimeSpan.FromMilliseconds(200) };
        var client = TestClient.Create(server.Url, Harness.Fast, o => o.HttpClient = http);

        var error = Assert.ThrowsAsync<GeminiTimeoutException>(() => Harness.Bounded(client.CompleteAsync(Harness.Hello())))!;

        Assert.That(error.Timeout, Is.EqualTo(TimeSpan.FromMilliseconds(200)));
        Assert.That(error.Message, Does.Contain("HttpClient's own Timeout").And.Contain("0.2 s"));
        Assert.That(error.Attempts, Is.EqualTo(1));
    }

    [Test]
    [CancelAfter(5000)]
    public async Task CompleteAsync_WhenTheCallerCancels_ThrowsOperationCanceledNotTimeout()
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new RawHttpServer(async connection =>
        {
            await connection.ReadRequestAsync();
            received.SetResult();
            await release.Task;
        });
        var client = TestClient.Create(server.Url, Harness.Fast, o => o.RetryPolicy.RetryOnTimeout = true);
        using var cancellation = new CancellationTokenSource();

        try
        {
            var call = client.CompleteAsync(Harness.Hello(), cancellation.Token);
            await Harness.Bounded(received.Task);
            cancellation.Cancel();

            var error = Assert.CatchAsync<OperationCanceledException>(() => Harness.Bounded(call));
            Assert.That(error, Is.Not.Null);
            Assert.That(server.Requests, Has.Count.EqualTo(1));
        }
        finally
        {
            release.SetResult();
        }
    }

    [Test]
    public void CompleteAsync_WhenTheTokenIsAlreadyCancelled_ThrowsOperationCanceledAndSendsNothing()
    {
        var client = TestClient.Create(Server, Harness.Fast);

        Assert.CatchAsync<OperationCanceledException>(() => client.CompleteAsync(Harness.Hello(), new CancellationToken(canceled: true)));

        Assert.That(Server.Requests, Is.Empty);
    }

    [Test]
    [CancelAfter(5000)]
    public async Task CompleteStreamingAsync_WhenTheStreamGoesQuiet_ThrowsStreamIdleTimeout()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new RawHttpServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteChunkedHeadAsync();
            await connection.WriteChunkAsync("""
                data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hi"}}]}


                """);
            await release.Task;
        });
        var time = new FakeTimeProvider();
        var client = TestClient.Create(server.Url, Harness.Fast, o =>
        {
            o.TimeProvider = time;
            o.StreamIdleTimeout = Limit;
        });

        try
        {
            var error = Assert.ThrowsAsync<GeminiStreamException>(() => FakeClock.RunAsync(time, Harness.ReadAllAsync(client.CompleteStreamingAsync(Harness.Hello())), Step))!;

            Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.IdleTimeout));
            Assert.That(error.Partial.Text, Is.EqualTo("Hi"));
            Assert.That(server.Requests, Has.Count.EqualTo(1));
        }
        finally
        {
            release.SetResult();
        }
    }
}
