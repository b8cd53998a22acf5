using System;
using System.Linq;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Gemini.Generated.Tests.Reliability;

/// <summary>The client-wide retry budget: an outage must not multiply the load, and successes earn retries back.</summary>
public class RetryBudgetTests : FakeServerTestBase
{
    [Test]
    [CancelAfter(20000)]
    public async Task CompleteAsync_WhenTwoHundredConcurrentCallsHitAPersistent503_SendsAtMostTwentyPercentMoreRequests()
    {
        const int calls = 200;
        Server.DefaultReply = FakeReply.Error(503, "Down.");
        var client = TestClient.Create(Server, Harness.Fast);

        var outcomes = await Harness.Bounded(
            Task.WhenAll(Enumerable.Range(0, calls).Select(_ => Task.Run(async () =>
            {
                try
                {
                    await client.CompleteAsync(Harness.Hello());
                    return null;
                }
                catch (AimlApiException ex)
                {
                    return ex;
                }
            }))),
            seconds: 15);

        Assert.That(outcomes, Has.All.Not.Null.And.Property(nameof(AimlApiException.StatusCode)).EqualTo(503));
        Assert.That(Server.Requests, Has.Count.InRange(calls, calls * 12 / 10));
    }

    [Test]
    public async Task CompleteAsync_WhenTheFirstAttemptSucceeds_ReturnsOneTokenToTheBudget()
    {
        var client = TestClient.Create(Server, Harness.Fast, o => o.RetryPolicy = Budget(tokens: 10));

        // Two retries spend the whole budget; then a retryable failure comes back without a retry.
        Assert.That(RequestsOfAFailingCall(client), Is.EqualTo(3));
        Assert.That(RequestsOfAFailingCall(client), Is.EqualTo(1));

        // Four successes return four tokens: not yet the five a retry costs.
        await SucceedAsync(client, times: 4);
        Assert.That(RequestsOfAFailingCall(client), Is.EqualTo(1));

        // The fifth makes one retry possible again.
        await SucceedAsync(client, times: 1);
        Assert.That(RequestsOfAFailingCall(client), Is.EqualTo(2));
    }

    [Test]
    public async Task CompleteAsync_WhenARetrySucceeds_ReturnsTheCostOfARetryToTheBudget()
    {
        var client = TestClient.Create(Server, Harness.Fast, o => o.RetryPolicy = Budget(tokens: 20));

        // Two retries spend ten tokens; the success on the second retry returns five: fifteen left.
        Server.Enqueue(FakeReply.Error(503, "Down."), FakeReply.Error(503, "Down."), FakeReply.Completion("Third time."));
        Assert.That((await client.CompleteAsync(Harness.Hello())).ResponseInfo!.Attempts, Is.EqualTo(3));

        // Fifteen tokens are three retries: two for this call, one for the next, then none.
        Assert.That(RequestsOfAFailingCall(client), Is.EqualTo(3));
        Assert.That(RequestsOfAFailingCall(client), Is.EqualTo(2));
        Assert.That(RequestsOfAFailingCall(client), Is.EqualTo(1));
    }

    [Test]
    [CancelAfter(10000)]
    public async Task CompleteAsync_WhenATimeoutIsRetried_SpendsTwiceTheCostOfARetry()
    {
        // A server that never answers: every attempt times out, however fast or slow the machine.
        await using var server = new RawHttpServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.ReadRequestAsync(); // ends when the client gives up and closes the connection
        });
        var policy = Budget(tokens: 10);
        policy.RetryOnTimeout = true;
        var time = new FakeTimeProvider();
        var client = TestClient.Create(server.Url, Harness.Fast, o =>
        {
            o.RetryPolicy = policy;
            o.AttemptTimeout = TimeSpan.FromMinutes(1);
            o.TimeProvider = time;
        });

        var error = Assert.ThrowsAsync<GeminiTimeoutException>(() => FakeClock.RunAsync(time, client.CompleteAsync(Harness.Hello()), TimeSpan.FromSeconds(10)))!;

        // Ten tokens pay for one timeout retry (2 × 5), not the two that MaxRetries allows.
        Assert.That(error.Attempts, Is.EqualTo(2));
    }

    [Test]
    public void TryAcquire_WhenTokensRunOut_RefusesUntilReleased()
    {
        var budget = new RetryBudget(10);

        Assert.That(budget.TryAcquire(5), Is.True);
        Assert.That(budget.TryAcquire(5), Is.True);
        Assert.That(budget.TryAcquire(5), Is.False);
        budget.Release(4);
        Assert.That(budget.TryAcquire(5), Is.False);
        budget.Release(1);
        Assert.That(budget.TryAcquire(5), Is.True);
    }

    [Test]
    public void Release_BeyondTheCapacity_KeepsTheCapacity()
    {
        var budget = new RetryBudget(10);

        budget.Release(100);

        Assert.That(budget.Available, Is.EqualTo(10));
    }

    [Test]
    public void TryAcquire_WhenTheBudgetIsOff_AlwaysAllows()
    {
        var budget = new RetryBudget(0);

        Assert.That(Enumerable.Range(0, 100).All(_ => budget.TryAcquire(5)), Is.True);
    }

    /// <summary>Two retries a call at five tokens each from a budget of <paramref name="tokens"/>, without waiting.</summary>
    private static RetryPolicy Budget(int tokens) => new()
    {
        InitialBackoff = TimeSpan.Zero,
        MaxBackoff = TimeSpan.Zero,
        RetryBudget = tokens,
        RetryCost = 5,
    };

    /// <summary>How many requests a call into a persistent 503 sends: one, plus the retries the budget still pays for.</summary>
    private int RequestsOfAFailingCall(GeminiClient client)
    {
        Server.Reset();
        Server.DefaultReply = FakeReply.Error(503, "Down.");
        Assert.ThrowsAsync<AimlApiException>(() => client.CompleteAsync(Harness.Hello()));
        return Server.Requests.Count;
    }

    private async Task SucceedAsync(GeminiClient client, int times)
    {
        Server.Reset();
        Server.DefaultReply = FakeReply.Completion("Up.");
        for (var i = 0; i < times; i++)
        {
            Assert.That((await client.CompleteAsync(Harness.Hello())).ResponseInfo!.Attempts, Is.EqualTo(1));
        }
    }
}
