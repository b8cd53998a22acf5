using System;
using System.Linq;
using System.Threading.Tasks;
using Gemini.Generated.Testing;

namespace Gemini.Generated.Tests.Client;

/// <summary>The README's quick start and streaming loop, against the fake server over real HTTP.</summary>
public class QuickStartTests
{
    private FakeAimlServer _server = null!;

    [SetUp]
    public void SetUp() => _server = FakeAimlServer.Start();

    [TearDown]
    public void TearDown() => _server.Dispose();

    [Test]
    public async Task CompleteAsync_WithAPrompt_ReturnsTheAnswerWithUsageCostAndTracingIds()
    {
        _server.Enqueue(FakeReply.Completion("Paris is the capital of France.").WithUsage(9, 120, reasoningTokens: 113).WithCost(1234, 0.000315m).WithInferenceId("inf-1"));
        var client = _server.CreateClient();

        var completion = await client.CompleteAsync("What is the capital of France?");

        Assert.That(completion.Text, Is.EqualTo("Paris is the capital of France."));
        Assert.That(completion.FinishReason, Is.EqualTo(FinishReason.Stop));
        Assert.That(completion.IsTruncated, Is.False);
        Assert.That(completion.PromptTokens, Is.EqualTo(9));
        Assert.That(completion.CompletionTokens, Is.EqualTo(120));
        Assert.That(completion.ReasoningTokens, Is.EqualTo(113));
        Assert.That(completion.CreditsUsed, Is.EqualTo(1234m));
        Assert.That(completion.UsdSpent, Is.EqualTo(0.000315m));
        Assert.That(completion.InferenceId, Is.EqualTo("inf-1"));
        Assert.That(completion.ResponseInfo!.StatusCode, Is.EqualTo(200));
        Assert.That(completion.TokenLimit, Is.EqualTo(GeminiClientOptions.DefaultTokenLimit));

        var sent = _server.Requests.Single();
        Assert.That(sent.Path, Is.EqualTo("/v1/chat/completions"));
        Assert.That(sent.Header("Authorization"), Is.EqualTo("Bearer " + FakeAimlServer.DefaultApiKey));
        Assert.That(sent.Json!["model"]!.ToString(), Is.EqualTo("google/gemini-2.5-flash"));
        Assert.That(sent.Json["max_completion_tokens"]!.ToString(), Is.EqualTo("15000"));
    }

    [Test]
    public async Task CompleteStreamingAsync_YieldsTheAnswerInPiecesAndEndsWithTheWholeCompletion()
    {
        _server.Enqueue(FakeReply.Completion("one two three").WithUsage(3, 10, reasoningTokens: 7).WithCost(50, 0.00002m));
        var client = _server.CreateClient();

        var stream = client.CompleteStreamingAsync("Count to three");
        var pieces = new System.Collections.Generic.List<string>();
        await foreach (var chunk in stream)
        {
            pieces.Add(chunk.Text);
        }

        Assert.That(string.Concat(pieces), Is.EqualTo("one two three"));
        Assert.That(pieces.Count(p => p.Length > 0), Is.EqualTo(3));
        var completion = stream.Completion!;
        Assert.That(completion.Text, Is.EqualTo("one two three"));
        Assert.That(completion.FinishReason, Is.EqualTo(FinishReason.Stop));
        Assert.That(completion.ReasoningTokens, Is.EqualTo(7));
        Assert.That(completion.UsdSpent, Is.EqualTo(0.00002m));
        Assert.That(_server.Requests.Single().Json!["stream_options"]!["include_usage"]!.ToString(), Is.EqualTo("True"));
    }

    [Test]
    public void CompleteAsync_WhenReasoningUsesTheWholeServiceDefault_ThrowsTruncationWithItsOwnMessage()
    {
        _server.Enqueue(FakeReply.Completion("A long answer").WithReasoningTokens(600));
        var client = _server.CreateClient(o => o.DefaultMaxCompletionTokens = null);

        var error = Assert.ThrowsAsync<GeminiTruncationException>(() => client.CompleteAsync("Think hard"))!;

        Assert.That(error.TokenLimit, Is.Null);
        Assert.That(error.ReasoningTokens, Is.EqualTo(512));
        Assert.That(error.ReasoningExhaustedBudget, Is.True);
        Assert.That(error.Message, Does.StartWith("The answer is empty: the model spent 512 tokens reasoning"));
        Assert.That(error.Message, Does.Contain("the service's default limit of 512 tokens (no limit was sent)"));
        Assert.That(error.Message, Does.Contain("DefaultMaxCompletionTokens"));
    }
}
