using System;
using System.Net.Http;
using Microsoft.Extensions.Time.Testing;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>The one-line summaries a user sees in a debugger and in logs: the options and each attempt.</summary>
public class SummaryTextTests
{
    private const string Retry =
        "RetryPolicy { MaxRetries = 2, InitialBackoff = 00:00:00.5000000, MaxBackoff = 00:00:08, MaxRetryAfter = 00:01:00, RetryOnTimeout = False, " +
        "RetryableStatusCodes = [408, 429, 500, 502, 503, 504], RetryBudget = 100, RetryCost = 5 }";

    [Test]
    public void Options_ListEverySettingAndOnlyWhetherTheKeyIsSet()
    {
        using var http = new HttpClient();
        var custom = new GeminiClientOptions
        {
            ApiKey = "sk-0123456789",
            HttpClient = http,
            ApplicationId = "app-1",
            TimeProvider = new FakeTimeProvider(),
            DefaultMaxCompletionTokens = null,
        };

        Assert.That(new GeminiClientOptions().ToString(), Is.EqualTo(
            "GeminiClientOptions { BaseUrl = https://api.aimlapi.com/, ApiKey = (not set), DefaultModel = google/gemini-2.5-flash, " +
            "DefaultMaxCompletionTokens = 15000, TruncationBehavior = ThrowWhenEmpty, AttemptTimeout = 00:05:00, TotalTimeout = 00:10:00, " +
            $"StreamIdleTimeout = 00:02:00, {Retry}, MaxResponseBytes = 16777216, HttpClient = (created), ApplicationId = null, " +
            "TimeProvider = (system), GeminiTelemetryOptions { CaptureMessageContent = null } }"));
        Assert.That(custom.ToString(), Is.EqualTo(
            "GeminiClientOptions { BaseUrl = https://api.aimlapi.com/, ApiKey = (set), DefaultModel = google/gemini-2.5-flash, " +
            "DefaultMaxCompletionTokens = null, TruncationBehavior = ThrowWhenEmpty, AttemptTimeout = 00:05:00, TotalTimeout = 00:10:00, " +
            $"StreamIdleTimeout = 00:02:00, {Retry}, MaxResponseBytes = 16777216, HttpClient = (injected), ApplicationId = app-1, " +
            "TimeProvider = (custom), GeminiTelemetryOptions { CaptureMessageContent = null } }"));
    }

    [Test]
    public void Attempt_SaysItsStatusOrErrorItsDurationAndTheWaitBeforeTheNext()
    {
        Assert.That(new GeminiAttempt(2, 503, null, TimeSpan.FromMilliseconds(1234.4), TimeSpan.FromMilliseconds(500), null).ToString(),
            Is.EqualTo("attempt 2: 503 in 1234 ms, retrying in 500 ms"));
        Assert.That(new GeminiAttempt(1, null, new TimeoutException(), TimeSpan.FromMilliseconds(10), null, "req-1").ToString(),
            Is.EqualTo("attempt 1: TimeoutException in 10 ms"));
        Assert.That(new GeminiAttempt(3, null, null, TimeSpan.Zero, null, null).ToString(), Is.EqualTo("attempt 3: no response in 0 ms"));
    }
}
