using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Gemini.Generated.Extensions.Tests.Support;
using Gemini.Generated.Testing;
using Microsoft.Extensions.AI;

namespace Gemini.Generated.Extensions.Tests.ChatClient;

/// <summary>What the IChatClient returns, in one piece and streamed, and the SDK's guarantees through it.</summary>
public class ChatClientResponseTests : FakeServerTest
{
    [Test]
    public async Task GetResponseAsync_ReturnsTextUsageWithReasoningCostAndTracingIds()
    {
        Server.Enqueue(FakeReply.Completion("Paris.").WithUsage(12, 40, reasoningTokens: 35).WithCost(120, 0.000125m).WithInferenceId("inf-7"));

        var response = await CreateChatClient().GetResponseAsync("Capital of France?");

        Assert.That(response.Text, Is.EqualTo("Paris."));
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
        Assert.That(response.Usage!.InputTokenCount, Is.EqualTo(12));
        Assert.That(response.Usage.OutputTokenCount, Is.EqualTo(40));
        Assert.That(response.Usage.TotalTokenCount, Is.EqualTo(52));
        Assert.That(response.Usage.ReasoningTokenCount, Is.EqualTo(35));
        Assert.That(response.Usage.AdditionalCounts![GeminiPropertyNames.ReasoningTokenCount], Is.EqualTo(35L));
        Assert.That(response.AdditionalProperties![GeminiPropertyNames.UsdSpent], Is.EqualTo(0.000125m));
        Assert.That(response.AdditionalProperties[GeminiPropertyNames.CreditsUsed], Is.EqualTo(120m));
        Assert.That(response.AdditionalProperties[GeminiPropertyNames.InferenceId], Is.EqualTo("inf-7"));
        var completion = (ChatCompletion)response.RawRepresentation!;
        Assert.That(response.ResponseId, Is.EqualTo(completion.Id).And.Not.Null);
        Assert.That(response.ModelId, Is.EqualTo(completion.Model).And.Not.Null);
        Assert.That(response.Messages.Single().Role, Is.EqualTo(Microsoft.Extensions.AI.ChatRole.Assistant));
        Assert.That(response.Messages.Single().RawRepresentation, Is.SameAs(completion.FirstChoice!.Message));
    }

    [TestCase("SAFETY", "SAFETY")]
    [TestCase("MAX_TOKENS", "length")]
    [TestCase("tool_calls", "tool_calls")]
    [TestCase("content_filter", "content_filter")]
    public async Task GetResponseAsync_MapsTheFinishReasonAndKeepsUnknownValues(string sent, string expected)
    {
        Server.Enqueue(FakeReply.Completion("Partial answer").WithFinishReason(sent));

        var response = await CreateChatClient().GetResponseAsync("Hi");

        Assert.That(response.FinishReason?.Value, Is.EqualTo(expected));
    }

    [Test]
    public void GetResponseAsync_WhenReasoningUsedTheWholeLimit_ThrowsGeminiTruncationException()
    {
        Server.Enqueue(FakeReply.Completion("The answer.").WithReasoningTokens(900));

        var error = Assert.ThrowsAsync<GeminiTruncationException>(() => CreateChatClient().GetResponseAsync("Hi", new ChatOptions { MaxOutputTokens = 500 }))!;

        Assert.That(error.TokenLimit, Is.EqualTo(500));
        Assert.That(error.ReasoningExhaustedBudget, Is.True);
    }

    [Test]
    public async Task GetResponseAsync_WhenTruncationIsIgnored_ReturnsLengthAsTheFinishReason()
    {
        Server.Enqueue(FakeReply.Completion("The answer.").WithReasoningTokens(900));

        var response = await CreateChatClient(o => o.TruncationBehavior = TruncationBehavior.Ignore).GetResponseAsync("Hi", new ChatOptions { MaxOutputTokens = 500 });

        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.Length));
        Assert.That(response.Text, Is.Empty);
    }

    [Test]
    public void GetResponseAsync_WhenTheServiceAnswersWithAnError_ThrowsTheSdksTypedError()
    {
        Server.Enqueue(FakeReply.RateLimit(TimeSpan.FromSeconds(3)), FakeReply.Error(401, "Invalid key"));
        var chat = CreateChatClient();

        var limited = Assert.ThrowsAsync<AimlApiRateLimitException>(() => chat.GetResponseAsync("Hi"))!;
        var unauthorized = Assert.ThrowsAsync<AimlApiAuthenticationException>(() => chat.GetResponseAsync("Hi"))!;

        Assert.That(limited.StatusCode, Is.EqualTo(429));
        Assert.That(limited.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(3)));
        Assert.That(unauthorized.ServiceMessage, Is.EqualTo("Invalid key"));
    }

    [Test]
    public async Task GetStreamingResponseAsync_YieldsTextAsItArrivesThenUsageCostAndIds()
    {
        Server.Enqueue(FakeReply.Completion("one two three").WithChunks("one", " two", " three").WithUsage(3, 10, reasoningTokens: 7).WithCost(50, 0.00002m).WithInferenceId("inf-9"));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in CreateChatClient().GetStreamingResponseAsync("Count"))
        {
            updates.Add(update);
        }

        Assert.That(updates.Where(u => u.Text.Length > 0).Select(u => u.Text), Is.EqualTo(new[] { "one", " two", " three" }));
        Assert.That(updates.Take(updates.Count - 1).Select(u => u.RawRepresentation), Is.All.InstanceOf<ChatCompletionChunk>());
        var last = updates[^1];
        Assert.That(last.RawRepresentation, Is.InstanceOf<ChatCompletion>());
        Assert.That(last.AdditionalProperties![GeminiPropertyNames.UsdSpent], Is.EqualTo(0.00002m));
        Assert.That(last.AdditionalProperties[GeminiPropertyNames.InferenceId], Is.EqualTo("inf-9"));
        Assert.That(updates.Select(u => u.MessageId).Where(id => id is not null).Distinct().Count(), Is.EqualTo(1), "one message");

        var response = updates.ToChatResponse();
        Assert.That(response.Text, Is.EqualTo("one two three"));
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.Stop));
        Assert.That(response.Usage!.InputTokenCount, Is.EqualTo(3));
        Assert.That(response.Usage.ReasoningTokenCount, Is.EqualTo(7));
        Assert.That(response.Messages, Has.Count.EqualTo(1));
        Assert.That(response.AdditionalProperties![GeminiPropertyNames.CreditsUsed], Is.EqualTo(50m));
        Assert.That(Server.Requests.Single().Json!["max_completion_tokens"]!.ToString(), Is.EqualTo("15000"));
    }

    [Test]
    public async Task GetStreamingResponseAsync_WithAToolCall_EndsWithTheMergedFunctionCall()
    {
        Server.Enqueue(FakeReply.ToolCall("get_weather", """{"city":"Paris"}""", "call_1"));

        var response = await CreateChatClient().GetStreamingResponseAsync("Weather?").ToChatResponseAsync();

        var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        Assert.That(call.CallId, Is.EqualTo("call_1"));
        Assert.That(call.Name, Is.EqualTo("get_weather"));
        Assert.That(call.Arguments!["city"]!.ToString(), Is.EqualTo("Paris"));
        Assert.That(response.FinishReason, Is.EqualTo(ChatFinishReason.ToolCalls));
    }

    [Test]
    public void GetStreamingResponseAsync_WhenTheStreamBreaks_ThrowsGeminiStreamException()
    {
        Server.Enqueue(FakeReply.Completion("one two three").ThenDisconnect());

        Assert.ThrowsAsync<GeminiStreamException>(async () =>
        {
            await foreach (var _ in CreateChatClient().GetStreamingResponseAsync("Count"))
            {
            }
        });
    }

    [Test]
    public void GetStreamingResponseAsync_WhenReasoningUsedTheWholeLimit_ThrowsGeminiTruncationException()
    {
        Server.Enqueue(FakeReply.Completion("The answer.").WithReasoningTokens(900));

        Assert.ThrowsAsync<GeminiTruncationException>(() => CreateChatClient().GetStreamingResponseAsync("Hi", new ChatOptions { MaxOutputTokens = 500 }).ToChatResponseAsync());
    }

    [Test]
    public void GetService_ReturnsTheMetadataAndTheUnderlyingClient()
    {
        var client = CreateClient();
        var chat = client.AsIChatClient("google/gemini-2.5-pro");

        var metadata = chat.GetService<ChatClientMetadata>()!;

        Assert.That(metadata.ProviderName, Is.EqualTo("aimlapi"));
        Assert.That(metadata.ProviderUri, Is.EqualTo(Server.Url));
        Assert.That(metadata.DefaultModelId, Is.EqualTo("google/gemini-2.5-pro"));
        Assert.That(chat.GetService<GeminiClient>(), Is.SameAs(client));
        Assert.That(chat.GetService<GeminiClient>("some key"), Is.Null);
    }
}
