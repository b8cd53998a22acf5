using System;
using System.Threading;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Support;

namespace Gemini.Generated.Tests.Reliability;

/// <summary>The client's own timeouts are <see cref="GeminiTimeoutException"/>; the caller's cancellation is never one.</summary>
public class TimeoutTests : FakeServerFixture
{
    private static readonly TimeSpan Short = Harness.ShortTimeout;
    private static readonly TimeSpan Slow = Harness.SlowerThanTimeout;

    [TestCase(nameof(GeminiClientOptions.AttemptTimeout))]
    [TestCase(nameof(GeminiClientOptions.TotalTimeout))]
    public void CompleteAsync_WhenTheServerIsSlowerThanATimeout_ThrowsTimeoutNamingItWithoutRetrying(string timeout)
    {
        Server.DefaultReply = FakeReply.Completion("Late.").WithLatency(Slow);
        var client = Harness.Client(Server, o =>
        {
            if (timeout == nameof(GeminiClientOptions.AttemptTimeout))
            {
                o.AttemptTimeout = Short;
            }
            else
            {
                o.TotalTimeout = Short;
            }
        });

        var error = Assert.ThrowsAsync<GeminiTimeoutException>(() => Harness.Bounded(client.CompleteAsync(Harness.Hello())))!;

        Assert.That(error.Timeout, Is.EqualTo(Short));
        Assert.That(error.Attempts, Is.EqualTo(1));
        Assert.That(error.Message, Does.Contain(timeout));
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task CompleteAsync_WhenRetryOnTimeoutIsSet_RetriesAnAttemptThatTimedOut()
    {
        // A generous attempt timeout: the retried attempt must finish within it even on a loaded machine.
        Server.Enqueue(FakeReply.Completion("Late.").WithLatency(TimeSpan.FromSeconds(10)), FakeReply.Completion("On time."));
        var client = Harness.Client(Server, o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
            o.RetryPolicy.RetryOnTimeout = true;
        });

        var completion = await Harness.Bounded(client.CompleteAsync(Harness.Hello()));

        Assert.That(completion.Text, Is.EqualTo("On time."));
        Assert.That(completion.ResponseInfo!.Attempts, Is.EqualTo(2));
        Assert.That(Server.Requests, Has.Count.EqualTo(2));
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
        var client = Harness.Client(server.Url, o =>
        {
            o.AttemptTimeout = Short;
            o.RetryPolicy.RetryOnTimeout = true;
        });

        try
        {
            var error = Assert.ThrowsAsync<GeminiTimeoutException>(() => Harness.Bounded(client.CompleteAsync(Harness.Hello()), seconds: 2))!;

            Assert.That(error.Attempts, Is.EqualTo(1));
            Assert.That(server.Requests, Has.Count.EqualTo(1));
        }
        finally
        {
            release.SetResult();
        }
    }

    [Test]
    public void CompleteAsync_WhenRetriesWouldRunPastTheTotalTimeout_StopsAtTheTotalTimeout()
    {
        Server.DefaultReply = FakeReply.Completion("Late.").WithLatency(Slow);
        var client = Harness.Client(Server, o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(100);
            o.TotalTimeout = TimeSpan.FromMilliseconds(250);
            o.RetryPolicy = Harness.FastRetries(maxRetries: 10);
            o.RetryPolicy.RetryOnTimeout = true;
        });

        var error = Assert.ThrowsAsync<GeminiTimeoutException>(() => Harness.Bounded(client.CompleteAsync(Harness.Hello())))!;

        // Attempts of 100 ms within 250 ms: two time out on their own, the third is cut by what is left of the total (two when
        // the machine is slow). Without the total timeout, the budget would allow 11 attempts.
        Assert.That(error.Attempts, Is.InRange(2, 3));
        Assert.That(error.Message, Does.Contain(nameof(GeminiClientOptions.TotalTimeout)));
        Assert.That(Server.Requests, Has.Count.EqualTo(error.Attempts), "the total timeout ends the call before the retries run out");
    }

    [Test]
    public void CompleteAsync_WhenTheInjectedHttpClientTimesOut_NamesItsTimeoutAndValue()
    {
        Server.DefaultReply = FakeReply.Completion("Late.").WithLatency(Slow);
        using var http = new System.Net.Http.HttpClient { Timeout = Short };
        var client = Harness.Client(Server, o => o.HttpClient = http);

        var error = Assert.ThrowsAsync<GeminiTimeoutException>(() => Harness.Bounded(client.CompleteAsync(Harness.Hello())))!;

        Assert.That(error.Timeout, Is.EqualTo(Short));
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
        var client = Harness.Client(server.Url, o => o.RetryPolicy.RetryOnTimeout = true);
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
        var client = Harness.Client(Server);

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
        var client = Harness.Client(server.Url, o => o.StreamIdleTimeout = Short);

        try
        {
            var error = Assert.ThrowsAsync<GeminiStreamException>(() => Harness.Bounded(Harness.ReadAllAsync(client.CompleteStreamingAsync(Harness.Hello()))))!;

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
