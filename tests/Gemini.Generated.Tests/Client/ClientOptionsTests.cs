using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Gemini.Generated.Testing;

namespace Gemini.Generated.Tests.Client;

/// <summary>The options' documented defaults, and a client that changing its options object later does not change.</summary>
public class ClientOptionsTests : FakeServerTestBase
{
    [Test]
    public void Options_ByDefault_HaveTheDocumentedSettings()
    {
        // RetryTests.Default_HasTheDocumentedSettings pins the default RetryPolicy.
        var options = new GeminiClientOptions();

        Assert.That(options.BaseUrl, Is.EqualTo(new Uri("https://api.aimlapi.com")));
        Assert.That(options.DefaultModel, Is.EqualTo("google/gemini-2.5-flash"));
        Assert.That(options.DefaultMaxCompletionTokens, Is.EqualTo(15000));
        Assert.That(options.TruncationBehavior, Is.EqualTo(TruncationBehavior.ThrowWhenEmpty));
        Assert.That(options.AttemptTimeout, Is.EqualTo(TimeSpan.FromMinutes(5)));
        Assert.That(options.TotalTimeout, Is.EqualTo(TimeSpan.FromMinutes(10)));
        Assert.That(options.StreamIdleTimeout, Is.EqualTo(TimeSpan.FromMinutes(2)));
        Assert.That(options.MaxResponseBytes, Is.EqualTo(16L * 1024 * 1024));
    }

    [Test]
    public async Task CompleteAsync_AfterTheOptionsAreChanged_SendsAndBehavesAsWhenTheClientWasCreated()
    {
        var attempts = new List<GeminiAttempt>();
        var options = Server.CreateClientOptions();
        options.RetryPolicy = RetryPolicy.None;
        options.OnAttempt = attempts.Add;
        var client = new GeminiClient(options);

        options.BaseUrl = new Uri("http://127.0.0.1:9");
        options.ApiKey = "changed-key";
        options.DefaultModel = "changed/model";
        options.DefaultMaxCompletionTokens = 7;
        options.TruncationBehavior = TruncationBehavior.Throw;
        options.MaxResponseBytes = 10;
        options.OnAttempt = _ => Assert.Fail("the changed OnAttempt was called");
        Server.Enqueue(FakeReply.Completion("Cut off").WithFinishReason("length"));

        var completion = await client.CompleteAsync("Hi");

        Assert.That(completion.Text, Is.EqualTo("Cut off"), "ThrowWhenEmpty returns a non-empty truncated answer; Throw would not");
        var sent = SingleRequest();
        Assert.That(sent.Header("Authorization"), Is.EqualTo("Bearer " + FakeAimlServer.DefaultApiKey));
        Assert.That((string?)sent.Json!["model"], Is.EqualTo(GeminiModels.Gemini25Flash));
        Assert.That((int?)sent.Json["max_completion_tokens"], Is.EqualTo(GeminiClientOptions.DefaultTokenLimit));
        Assert.That(attempts, Has.Count.EqualTo(1));
        Assert.That(client.BaseUrl, Is.EqualTo(Server.Url));
    }

    [Test]
    public async Task CompleteAsync_AfterTheRetryPolicyIsChangedInPlace_RetriesAsWhenTheClientWasCreated()
    {
        var policy = new RetryPolicy { InitialBackoff = TimeSpan.Zero, MaxBackoff = TimeSpan.Zero };
        var client = CreateClient(o => o.RetryPolicy = policy);

        policy.MaxRetries = 0;
        policy.RetryCost = 1000;
        policy.RetryableStatusCodes.Clear();
        Server.Enqueue(FakeReply.Error(503, "Busy."), FakeReply.Completion("Retried."));

        var completion = await client.CompleteAsync("Hi");

        Assert.That(completion.Text, Is.EqualTo("Retried."));
        Assert.That(Server.Requests, Has.Count.EqualTo(2));
    }
}
