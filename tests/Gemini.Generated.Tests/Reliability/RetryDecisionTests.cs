using System;
using Microsoft.Extensions.Time.Testing;

namespace Gemini.Generated.Tests.Reliability;

/// <summary>Every retry decision, in <see cref="RetryPolicy"/> alone: no HTTP, no clock.</summary>
public class RetryDecisionTests
{
    private static readonly RetryPolicy Policy = RetryPolicy.Default;

    [TestCase(429, true)]
    [TestCase(503, true)]
    [TestCase(500, true)]
    [TestCase(400, false)]
    [TestCase(401, false)]
    [TestCase(404, false)]
    [TestCase(200, false)]
    public void ShouldRetry_ForAStatus_RetriesOnlyTheRetryableOnes(int status, bool retried)
    {
        Assert.That(Policy.ShouldRetry(Status(status), attempt: 1), Is.EqualTo(retried));
    }

    [Test]
    public void ShouldRetry_AfterMaxRetries_StopsRetrying()
    {
        Assert.That(Policy.ShouldRetry(Status(503), attempt: 2), Is.True);
        Assert.That(Policy.ShouldRetry(Status(503), attempt: 3), Is.False);
    }

    [Test]
    public void ShouldRetry_WhenRetryAfterIsLongerThanMaxRetryAfter_DoesNotRetry()
    {
        Assert.That(Policy.ShouldRetry(Status(429, TimeSpan.FromSeconds(60)), attempt: 1), Is.True, "exactly the cap is waited for");
        Assert.That(Policy.ShouldRetry(Status(429, TimeSpan.FromSeconds(61)), attempt: 1), Is.False);
        Assert.That(Policy.ShouldRetry(Status(429, TimeSpan.FromHours(1)), attempt: 1), Is.False);
    }

    [Test]
    public void ShouldRetry_ForATimeout_RetriesOnlyWithRetryOnTimeoutAndBeforeAnyResponse()
    {
        var onTimeout = new RetryPolicy { RetryOnTimeout = true };

        Assert.That(Policy.ShouldRetry(Outcome(OutcomeKind.AttemptTimeout), attempt: 1), Is.False, "off by default");
        Assert.That(onTimeout.ShouldRetry(Outcome(OutcomeKind.AttemptTimeout), attempt: 1), Is.True);
        Assert.That(onTimeout.ShouldRetry(Outcome(OutcomeKind.AttemptTimeout, responseStarted: true), attempt: 1), Is.False, "the body had started");
    }

    [Test]
    public void ShouldRetry_ForAConnectFailure_RetriesAndForAFinalOutcome_DoesNot()
    {
        Assert.That(Policy.ShouldRetry(Outcome(OutcomeKind.ConnectFailure), attempt: 1), Is.True);
        Assert.That(Policy.ShouldRetry(Outcome(OutcomeKind.Final, responseStarted: true), attempt: 1), Is.False);
    }

    [Test]
    public void GetDelay_TakesRetryAfterElseFullJitterBackoff()
    {
        Assert.That(Policy.GetDelay(Status(503, TimeSpan.FromSeconds(7)), attempt: 1, random: 0.5), Is.EqualTo(TimeSpan.FromSeconds(7)));
        Assert.That(Policy.GetDelay(Status(503), attempt: 1, random: 1.0), Is.EqualTo(TimeSpan.FromMilliseconds(500)));
        Assert.That(Policy.GetDelay(Status(503), attempt: 2, random: 0.5), Is.EqualTo(TimeSpan.FromMilliseconds(500)));
        Assert.That(Policy.GetDelay(Status(503), attempt: 10, random: 1.0), Is.EqualTo(TimeSpan.FromSeconds(8)), "capped at MaxBackoff");
    }

    [Test]
    public void CostOfAndRefundFor_ChargeATimeoutTwiceAndRefundAWholeRetry()
    {
        Assert.That(Policy.CostOf(Status(503)), Is.EqualTo(5));
        Assert.That(Policy.CostOf(Outcome(OutcomeKind.AttemptTimeout)), Is.EqualTo(10));
        Assert.That(Policy.RefundFor(1), Is.EqualTo(1));
        Assert.That(Policy.RefundFor(2), Is.EqualTo(5));
    }

    [Test]
    public void Options_TimeProvider_DefaultsToTheSystemClockAndIsCopiedWithTheOptions()
    {
        var fake = new FakeTimeProvider();
        var options = new GeminiClientOptions { TimeProvider = fake };

        Assert.That(new GeminiClientOptions().TimeProvider, Is.SameAs(TimeProvider.System));
        Assert.That(options.Clone().TimeProvider, Is.SameAs(fake));
        Assert.That(options.ToString(), Does.Contain("TimeProvider = (custom)"));
        options.TimeProvider = null!;
        Assert.Throws<ArgumentNullException>(() => options.Clone());
    }

    private static AttemptOutcome Status(int status, TimeSpan? retryAfter = null) =>
        new(new AimlApiException("test", status), OutcomeKind.Status, status, retryAfter);

    private static AttemptOutcome Outcome(OutcomeKind kind, bool responseStarted = false) =>
        new(new GeminiException("test"), kind, responseStarted: responseStarted);
}
