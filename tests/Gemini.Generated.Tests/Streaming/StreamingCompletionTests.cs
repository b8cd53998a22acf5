using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Gemini.Generated.Testing;

namespace Gemini.Generated.Tests.Streaming;

/// <summary>The completion a stream adds up to, over real HTTP: while it runs and at its end.</summary>
public class StreamingCompletionTests : FakeServerTests
{
    [Test]
    public async Task Text_WhileTheStreamRuns_IsThePiecesReceivedSoFar()
    {
        Server.Enqueue(FakeReply.Completion(string.Empty).WithChunks("Hel", "lo", " wor", "ld"));
        var stream = Client().CompleteStreamingAsync("Hi");
        var texts = new List<string>();

        await foreach (var _ in stream)
        {
            texts.Add(stream.Text);
        }

        // The role chunk, four pieces, the finish chunk, the usage chunk.
        Assert.That(texts, Is.EqualTo(new[] { "", "Hel", "Hello", "Hello wor", "Hello world", "Hello world", "Hello world" }));
    }

    [Test]
    public async Task Completion_TakesUsageAndCostFromTheFinalChunks()
    {
        Server.Enqueue(FakeReply.Completion("Paris.").WithUsage(9, 120, reasoningTokens: 113).WithCost(1234, 0.000315m));

        var stream = Client().CompleteStreamingAsync("Capital of France?");
        await stream.ReadAllAsync();

        var completion = stream.Completion!;
        Assert.That(completion.PromptTokens, Is.EqualTo(9));
        Assert.That(completion.CompletionTokens, Is.EqualTo(120));
        Assert.That(completion.ReasoningTokens, Is.EqualTo(113));
        Assert.That(completion.Usage!.TotalTokens, Is.EqualTo(129));
        Assert.That(completion.CreditsUsed, Is.EqualTo(1234m));
        Assert.That(completion.UsdSpent, Is.EqualTo(0.000315m));
        Assert.That(completion.FirstChoice!.Message!.Role, Is.EqualTo(ChatRole.Assistant));
    }

    [Test]
    public async Task Completion_HasWhatTheNonStreamingCallReturns()
    {
        FakeReply Reply() => FakeReply.Completion("one two three").WithUsage(3, 10, reasoningTokens: 7).WithCost(50, 0.00002m).WithInferenceId("inf-same");
        Server.Enqueue(Reply(), Reply());
        var client = Client();
        var request = new ChatCompletionRequest(ChatMessage.User("Count to three"));

        var expected = await client.CompleteAsync(request);
        var stream = client.CompleteStreamingAsync(request);
        await stream.ReadAllAsync();
        var actual = stream.Completion!;

        Assert.That(actual.Id, Is.EqualTo(expected.Id));
        Assert.That(actual.Object, Is.EqualTo(expected.Object));
        Assert.That(actual.Model, Is.EqualTo(expected.Model));
        Assert.That(actual.Text, Is.EqualTo(expected.Text));
        Assert.That(actual.FinishReason, Is.EqualTo(expected.FinishReason));
        Assert.That(actual.IsTruncated, Is.EqualTo(expected.IsTruncated));
        Assert.That(actual.FirstChoice!.Index, Is.EqualTo(expected.FirstChoice!.Index));
        Assert.That(actual.FirstChoice.Message!.Role, Is.EqualTo(expected.FirstChoice.Message!.Role));
        Assert.That(actual.FirstChoice.Message.Refusal, Is.EqualTo(expected.FirstChoice.Message.Refusal));
        Assert.That(actual.FirstChoice.Message.ToolCalls, Is.EqualTo(expected.FirstChoice.Message.ToolCalls));
        Assert.That(actual.PromptTokens, Is.EqualTo(expected.PromptTokens));
        Assert.That(actual.CompletionTokens, Is.EqualTo(expected.CompletionTokens));
        Assert.That(actual.ReasoningTokens, Is.EqualTo(expected.ReasoningTokens));
        Assert.That(actual.Usage!.TotalTokens, Is.EqualTo(expected.Usage!.TotalTokens));
        Assert.That(actual.CreditsUsed, Is.EqualTo(expected.CreditsUsed));
        Assert.That(actual.UsdSpent, Is.EqualTo(expected.UsdSpent));
        Assert.That(actual.TokenLimit, Is.EqualTo(expected.TokenLimit).And.EqualTo(GeminiClientOptions.DefaultTokenLimit));
        Assert.That(actual.ResponseInfo!.StatusCode, Is.EqualTo(expected.ResponseInfo!.StatusCode));
        Assert.That(actual.ResponseInfo.Attempts, Is.EqualTo(expected.ResponseInfo.Attempts));
        Assert.That(actual.InferenceId, Is.EqualTo(expected.InferenceId).And.EqualTo("inf-same"));
    }

    [Test]
    public async Task Completion_OfAToolCall_HasTheCallWithItsArgumentsJoined()
    {
        Server.Enqueue(FakeReply.ToolCall("get_weather", """{"city":"Paris","unit":"celsius"}""", "call_1"));

        var stream = Client().CompleteStreamingAsync("Weather in Paris?");
        var chunks = await stream.ReadAllAsync();

        var call = stream.Completion!.FirstChoice!.Message!.ToolCalls!.Single();
        Assert.That(chunks.Count(c => c.Choices?.FirstOrDefault()?.Delta?.ToolCalls is not null), Is.GreaterThan(2), "the arguments arrive in pieces");
        Assert.That(call.Id, Is.EqualTo("call_1"));
        Assert.That(call.Function!.Name, Is.EqualTo("get_weather"));
        Assert.That(call.Function.Arguments, Is.EqualTo("""{"city":"Paris","unit":"celsius"}"""));
        Assert.That(stream.Completion.FinishReason, Is.EqualTo(FinishReason.ToolCalls));
    }

    [Test]
    public async Task Completion_OfTwoInterleavedToolCalls_MergesEachByIndex()
    {
        var result = await StreamingKit.StreamAsync(
            Sse.Data("""{"choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_weather","arguments":""}}]}}]}"""),
            Sse.Data("""{"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_b","type":"function","function":{"name":"get_time","arguments":"{\"tz\":"}}]}}]}"""),
            Sse.Data("""{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"city\":"}}]}}]}"""),
            Sse.Data("""{"choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"function":{"arguments":"\"CET\"}"}}]}}]}"""),
            Sse.Data("""{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\"Paris\"}"}}]}}]}"""),
            Sse.Finish("tool_calls"),
            Sse.Done);

        var calls = result.Completion.FirstChoice!.Message!.ToolCalls!;
        Assert.That(calls.Select(c => c.Id), Is.EqualTo(new[] { "call_a", "call_b" }));
        Assert.That(calls.Select(c => c.Function!.Name), Is.EqualTo(new[] { "get_weather", "get_time" }));
        Assert.That(calls.Select(c => c.Function!.Arguments), Is.EqualTo(new[] { """{"city":"Paris"}""", """{"tz":"CET"}""" }));
    }

    [Test]
    public async Task Completion_OfARefusal_HasTheRefusalJoined()
    {
        var result = await StreamingKit.StreamAsync(
            Sse.Data("""{"choices":[{"index":0,"delta":{"role":"assistant","refusal":"I can't "}}]}"""),
            Sse.Data("""{"choices":[{"index":0,"delta":{"refusal":"help with that."}}]}"""),
            Sse.Finish("content_filter"),
            Sse.Done);

        Assert.That(result.Stream.Accumulator.Refusal, Is.EqualTo("I can't help with that."));
        Assert.That(result.Completion.FirstChoice!.Message!.Refusal, Is.EqualTo("I can't help with that."));
        Assert.That(result.Completion.FinishReason, Is.EqualTo(FinishReason.ContentFilter));
    }

    [Test]
    public async Task Completion_WithTwoChoices_KeepsThemApartByIndex()
    {
        var result = await StreamingKit.StreamAsync(
            Sse.Data(Sse.Chunk("A1", index: 0)),
            Sse.Data(Sse.Chunk("B1", index: 1)),
            Sse.Data(Sse.Chunk("B2", "stop", index: 1)),
            Sse.Data(Sse.Chunk("A2", "length", index: 0)),
            Sse.Done);

        var choices = result.Completion.Choices!;
        Assert.That(choices.Select(c => c.Index), Is.EqualTo(new int?[] { 0, 1 }));
        Assert.That(choices.Select(c => c.Message!.Content), Is.EqualTo(new[] { "A1A2", "B1B2" }));
        Assert.That(choices.Select(c => c.FinishReason), Is.EqualTo(new FinishReason?[] { FinishReason.Length, FinishReason.Stop }));
    }

    [Test]
    public void Completion_WhenTheAnswerIsEmptyAndCutByTheLimit_ThrowsTruncation()
    {
        Server.Enqueue(FakeReply.Completion("A long answer").WithReasoningTokens(600));
        var stream = Client(o => o.DefaultMaxCompletionTokens = null).CompleteStreamingAsync("Think hard");

        var error = Assert.ThrowsAsync<GeminiTruncationException>(() => stream.ReadAllAsync())!;

        Assert.That(error.Completion.Text, Is.Empty);
        Assert.That(error.FinishReason, Is.EqualTo(FinishReason.Length));
        Assert.That(error.TokenLimit, Is.Null);
        Assert.That(error.ReasoningTokens, Is.EqualTo(512));
        Assert.That(error.ReasoningExhaustedBudget, Is.True);
    }

    [Test]
    public async Task Completion_WhenTruncationIsIgnored_IsReturnedMarkedTruncated()
    {
        Server.Enqueue(FakeReply.Completion("A long answer").WithReasoningTokens(600));
        var client = Client(o => o.DefaultMaxCompletionTokens = null);

        var stream = client.CompleteStreamingAsync(
            new ChatCompletionRequest(ChatMessage.User("Think hard")), new ChatRequestOptions { TruncationBehavior = TruncationBehavior.Ignore });
        await stream.ReadAllAsync();

        Assert.That(stream.Completion!.IsTruncated, Is.True);
        Assert.That(stream.Completion.Text, Is.Empty);
        Assert.That(stream.Completion.ReasoningTokens, Is.EqualTo(512));
    }

    [Test]
    public async Task Completion_WhenANonEmptyAnswerIsCutByTheLimit_IsReturnedMarkedTruncated()
    {
        Server.Enqueue(FakeReply.Completion("one two three four five six").WithReasoningTokens(8));
        var request = new ChatCompletionRequest(ChatMessage.User("Count")) { MaxCompletionTokens = 10 };

        var stream = Client().CompleteStreamingAsync(request);
        await stream.ReadAllAsync();

        Assert.That(stream.Completion!.IsTruncated, Is.True);
        Assert.That(stream.Completion.Text, Is.EqualTo("one two"));
        Assert.That(stream.Completion.TokenLimit, Is.EqualTo(10));
    }
}
