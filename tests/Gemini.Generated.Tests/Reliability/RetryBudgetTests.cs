using System.Linq;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Support;

namespace Gemini.Generated.Tests.Reliability;

/// <summary>The client-wide retry budget: an outage must not multiply the load, and successes earn retries back.</summary>
public class RetryBudgetTests : FakeServerFixture
{
    [Test]
    [CancelAfter(20000)]
    public async Task CompleteAsync_WhenTwoHundredConcurrentCallsHitAPersistent503_SendsAtMostTwentyPercentMoreRequests()
    {
        const int calls = 200;
        Server.DefaultReply = FakeReply.Error(503, "Down.");
        var client = Harness.Client(Server);

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
    public async Task CompleteAsync_AfterTheBudgetIsExhausted_SuccessesMakeRetriesPossibleAgain()
    {
        var client = Harness.Client(Server, o => o.RetryPolicy = new RetryPolicy
        {
            InitialBackoff = System.TimeSpan.FromMilliseconds(1),
            MaxBackoff = System.TimeSpan.FromMilliseconds(1),
            RetryBudget = 10,
            RetryCost = 5,
        });

        // Two retries spend the whole budget.
        Server.Enqueue(FakeReply.Error(503, "Down."), FakeReply.Error(503, "Down."), FakeReply.Error(503, "Down."));
        Assert.ThrowsAsync<AimlApiException>(() => client.CompleteAsync(Harness.Hello()));
        Assert.That(Server.Requests, Has.Count.EqualTo(3));

        // Empty budget: a retryable failure comes back without a retry.
        Server.Reset();
        Server.Enqueue(FakeReply.Error(503, "Down."), FakeReply.Completion("Not reached by a retry."));
        Assert.ThrowsAsync<AimlApiException>(() => client.CompleteAsync(Harness.Hello()));
        Assert.That(Server.Requests, Has.Count.EqualTo(1));

        // Five first-attempt successes return one token each: enough for one retry.
        Server.Reset();
        for (var i = 0; i < 5; i++)
        {
            await client.CompleteAsync(Harness.Hello());
        }

        Server.Reset();
        Server.Enqueue(FakeReply.Error(503, "Down."), FakeReply.Completion("Retried."));
        var completion = await client.CompleteAsync(Harness.Hello());

        Assert.That(completion.Text, Is.EqualTo("Retried."));
        Assert.That(completion.ResponseInfo!.Attempts, Is.EqualTo(2));
        Assert.That(Server.Requests, Has.Count.EqualTo(2));
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
}
