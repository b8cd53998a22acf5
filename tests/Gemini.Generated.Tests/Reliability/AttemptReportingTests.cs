using System.Linq;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Gemini.Generated.Tests.Reliability;

/// <summary>Every attempt is observable through OnAttempt and the logger, and neither ever shows the key.</summary>
public class AttemptReportingTests : FakeServerTestBase
{
    [Test]
    public async Task OnAttempt_ForEachAttempt_ReportsNumberStatusAndWhetherItWillRetry()
    {
        Server.Enqueue(FakeReply.Error(503, "Busy."), FakeReply.RateLimit(), FakeReply.Completion("Done."));
        var attempts = new AttemptLog();
        var client = TestClient.Create(Server, Harness.Fast, attempts.AttachTo);

        await client.CompleteAsync(Harness.Hello(), new ChatRequestOptions { ClientRequestId = "trace-1" });

        var all = attempts.All;
        Assert.That(all.Select(a => a.Number), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(all.Select(a => a.StatusCode), Is.EqualTo(new int?[] { 503, 429, 200 }));
        Assert.That(all.Select(a => a.WillRetry), Is.EqualTo(new[] { true, true, false }));
        Assert.That(all[0].Error, Is.InstanceOf<AimlApiException>());
        Assert.That(all[1].Error, Is.InstanceOf<AimlApiRateLimitException>());
        Assert.That(all[2].Error, Is.Null);
        Assert.That(all.Select(a => a.ClientRequestId), Is.All.EqualTo("trace-1"));
    }

    [Test]
    public async Task Logger_ForEachAttempt_WritesOneLine()
    {
        Server.Enqueue(FakeReply.Error(500, "Oops."), FakeReply.Error(502, "Gateway."), FakeReply.Completion("Done."));
        var logger = new CapturingLogger();
        var client = TestClient.Create(Server, Harness.Fast, o => o.Logger = logger);

        await client.CompleteAsync(Harness.Hello());

        var entries = logger.Entries;
        Assert.That(entries.Select(e => e.Level), Is.EqualTo(new[] { LogLevel.Warning, LogLevel.Warning, LogLevel.Debug, LogLevel.Information }), "then the call's summary");
        Assert.That(entries[0].Message, Does.Contain("attempt 1").And.Contain("500"));
        Assert.That(entries[1].Message, Does.Contain("attempt 2").And.Contain("502"));
        Assert.That(entries[2].Message, Does.Contain("attempt 3").And.Contain("200"));
    }

    [Test]
    public void LoggerAndOnAttempt_WhenTheServiceEchoesTheKey_NeverShowTheKey()
    {
        var echo = $"Incorrect API key provided: {Harness.ApiKey}. Authorization: Bearer {Harness.ApiKey}";
        Server.DefaultReply = FakeReply.Error(503, echo);
        var logger = new CapturingLogger();
        var attempts = new AttemptLog();
        var client = TestClient.Create(Server, Harness.Fast, o =>
        {
            o.Logger = logger;
            attempts.AttachTo(o);
        });

        var error = Assert.ThrowsAsync<AimlApiException>(() => client.CompleteAsync(Harness.Hello()))!;

        Assert.That(logger.Entries, Has.Count.EqualTo(4), "three attempts and the call's summary");
        Assert.That(logger.Entries.Select(e => e.AllText), Has.None.Contains(Harness.ApiKey));
        Assert.That(attempts.All, Has.Count.EqualTo(3));
        Assert.That(attempts.All.Select(a => a.ToString()), Has.None.Contains(Harness.ApiKey));
        Assert.That(attempts.All.Select(a => a.Error!.Message), Has.None.Contains(Harness.ApiKey));
        Assert.That(error.ServiceMessage, Does.Contain("[REDACTED]").And.Not.Contain(Harness.ApiKey));
        Assert.That(error.RawBody, Does.Not.Contain(Harness.ApiKey));
    }

    [Test]
    public async Task Logger_AtEveryLevel_NeverShowsThePromptTheAnswerOrTheKey()
    {
        const string prompt = "PROMPT-3f9a: what is the launch code?";
        const string answer = "ANSWER-7c2e: the launch code is 0000.";
        var logger = new CapturingLogger();
        var client = TestClient.Create(Server, Harness.Fast, o =>
        {
            o.Logger = logger;
            o.RetryPolicy = new RetryPolicy { InitialBackoff = System.TimeSpan.Zero, MaxBackoff = System.TimeSpan.Zero };
        });

        // A retry then a success; a failure; a stream after a retry. The service's errors echo the prompt.
        Server.Enqueue(
            FakeReply.Error(503, "Overloaded while answering: " + prompt),
            FakeReply.Completion(answer),
            FakeReply.Error(400, "Cannot answer: " + prompt),
            FakeReply.Error(503, "Overloaded while answering: " + prompt),
            FakeReply.Completion(answer));
        await client.CompleteAsync(prompt);
        Assert.ThrowsAsync<AimlApiException>(() => client.CompleteAsync(prompt));
        var streamed = await Harness.ReadAllAsync(client.CompleteStreamingAsync(prompt));

        Assert.That(string.Concat(streamed), Is.EqualTo(answer));
        foreach (var secret in new[] { "PROMPT-3f9a", "ANSWER-7c2e", Harness.ApiKey })
        {
            Assert.That(logger.Entries.Select(e => e.AllText), Has.None.Contains(secret));
        }

        Assert.That(logger.Entries, Has.Count.AtLeast(5), "a line per attempt");
        Assert.That(logger.Entries.Select(e => e.Level), Is.SupersetOf(new[] { LogLevel.Debug, LogLevel.Warning }));
    }
}
