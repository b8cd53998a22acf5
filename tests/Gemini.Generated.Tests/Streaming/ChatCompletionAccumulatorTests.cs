using System;
using System.Collections.Generic;
using System.Linq;

namespace Gemini.Generated.Tests.Streaming;

/// <summary><see cref="ChatCompletionAccumulator"/> fed hand-built chunks.</summary>
public class ChatCompletionAccumulatorTests
{
    [Test]
    public void Append_ConcatenatesContent()
    {
        var accumulator = Accumulate(Delta(new ChatMessageDelta { Role = ChatRole.Assistant, Content = "" }), Delta("Hel"), Delta("lo"), Delta(" world"));

        Assert.That(accumulator.Text, Is.EqualTo("Hello world"));
        Assert.That(accumulator.ToCompletion().Text, Is.EqualTo("Hello world"));
        Assert.That(accumulator.Refusal, Is.Null);
    }

    [Test]
    public void Append_ConcatenatesRefusal()
    {
        var accumulator = Accumulate(Delta(new ChatMessageDelta { Refusal = "I can't " }), Delta(new ChatMessageDelta { Refusal = "help with that." }));

        Assert.That(accumulator.Refusal, Is.EqualTo("I can't help with that."));
        Assert.That(accumulator.ToCompletion().FirstChoice!.Message!.Refusal, Is.EqualTo("I can't help with that."));
        Assert.That(accumulator.Text, Is.Empty);
    }

    [Test]
    public void Append_MergesToolCallDeltasByIndex()
    {
        var accumulator = Accumulate(
            ToolCall(0, id: "call_a", name: "get_weather", arguments: ""),
            ToolCall(1, id: "call_b", name: "get_time", arguments: "{\"tz\":"),
            ToolCall(0, arguments: "{\"city\":"),
            ToolCall(1, arguments: "\"CET\"}"),
            ToolCall(0, arguments: "\"Paris\"}"),
            Finish("tool_calls"));

        var message = accumulator.ToCompletion().FirstChoice!.Message!;
        Assert.That(message.ToolCalls, Has.Count.EqualTo(2));
        Assert.That(message.ToolCalls![0].Id, Is.EqualTo("call_a"));
        Assert.That(message.ToolCalls[0].Type, Is.EqualTo("function"));
        Assert.That(message.ToolCalls[0].Function!.Name, Is.EqualTo("get_weather"));
        Assert.That(message.ToolCalls[0].Function!.Arguments, Is.EqualTo("{\"city\":\"Paris\"}"));
        Assert.That(message.ToolCalls[1].Id, Is.EqualTo("call_b"));
        Assert.That(message.ToolCalls[1].Function!.Name, Is.EqualTo("get_time"));
        Assert.That(message.ToolCalls[1].Function!.Arguments, Is.EqualTo("{\"tz\":\"CET\"}"));
        Assert.That(message.Content, Is.Null);
        Assert.That(accumulator.FinishReason, Is.EqualTo(FinishReason.ToolCalls));
    }

    [Test]
    public void Append_KeepsTheIdAndNameOfTheFirstToolCallDelta()
    {
        var accumulator = Accumulate(
            ToolCall(0, id: "call_a", name: "get_weather", arguments: "{}"),
            ToolCall(0, id: "call_other", name: "", arguments: ""));

        var call = accumulator.ToCompletion().FirstChoice!.Message!.ToolCalls!.Single();
        Assert.That(call.Id, Is.EqualTo("call_a"));
        Assert.That(call.Function!.Name, Is.EqualTo("get_weather"));
        Assert.That(call.Function.Arguments, Is.EqualTo("{}"));
    }

    [Test]
    public void Append_TakesTheFinishReasonFromTheChunkThatCarriesIt()
    {
        var accumulator = Accumulate(Delta("Hi"));
        Assert.That(accumulator.FinishReason, Is.Null);

        accumulator.Append(Finish("stop"));
        accumulator.Append(UsageChunk());

        Assert.That(accumulator.FinishReason, Is.EqualTo(FinishReason.Stop));
        Assert.That(accumulator.ToCompletion().FinishReason, Is.EqualTo(FinishReason.Stop));
    }

    [Test]
    public void Append_TakesUsageFromTheUsageChunkWithEmptyChoices()
    {
        var accumulator = Accumulate(Delta("Hi"), Finish("stop"), UsageChunk());

        var completion = accumulator.ToCompletion();
        Assert.That(accumulator.Usage, Is.Not.Null);
        Assert.That(completion.PromptTokens, Is.EqualTo(9));
        Assert.That(completion.CompletionTokens, Is.EqualTo(120));
        Assert.That(completion.ReasoningTokens, Is.EqualTo(113));
        Assert.That(completion.Usage!.TotalTokens, Is.EqualTo(129));
        Assert.That(completion.Choices, Has.Count.EqualTo(1));
        Assert.That(completion.Text, Is.EqualTo("Hi"));
    }

    [Test]
    public void Append_TakesTheCostFromTheFinalChunksMeta()
    {
        var accumulator = Accumulate(Delta("Hi"), Finish("stop"), UsageChunk());

        var completion = accumulator.ToCompletion();
        Assert.That(accumulator.Meta, Is.Not.Null);
        Assert.That(completion.CreditsUsed, Is.EqualTo(1234m));
        Assert.That(completion.UsdSpent, Is.EqualTo(0.000315m));
    }

    [Test]
    public void Append_TakesTheRoleFromTheDelta()
    {
        var accumulator = Accumulate(Delta(new ChatMessageDelta { Role = new ChatRole("model"), Content = "Hi" }), Delta("!"));

        Assert.That(accumulator.ToCompletion().FirstChoice!.Message!.Role, Is.EqualTo(new ChatRole("model")));
    }

    [Test]
    public void ToCompletion_WhenNoDeltaCarriedARole_UsesAssistant()
    {
        var accumulator = Accumulate(Delta("Hi"));

        Assert.That(accumulator.ToCompletion().FirstChoice!.Message!.Role, Is.EqualTo(ChatRole.Assistant));
    }

    [Test]
    public void Append_KeepsChoicesApartByIndex()
    {
        var accumulator = Accumulate(
            Delta("B1", index: 1),
            Delta("A1", index: 0),
            Delta("B2", index: 1),
            Delta("A2", index: 0),
            Finish("length", index: 1),
            Finish("stop", index: 0));

        var choices = accumulator.ToCompletion().Choices!;
        Assert.That(choices.Select(c => c.Index), Is.EqualTo(new int?[] { 0, 1 }));
        Assert.That(choices.Select(c => c.Message!.Content), Is.EqualTo(new[] { "A1A2", "B1B2" }));
        Assert.That(choices.Select(c => c.FinishReason), Is.EqualTo(new FinishReason?[] { FinishReason.Stop, FinishReason.Length }));
        Assert.That(accumulator.Text, Is.EqualTo("A1A2"));
    }

    [Test]
    public void Text_AfterEachChunk_IsTheContentSoFar()
    {
        var accumulator = new ChatCompletionAccumulator();
        var texts = new List<string>();

        foreach (var piece in new[] { "The ", "sky ", "is ", "blue." })
        {
            accumulator.Append(Delta(piece));
            texts.Add(accumulator.Text);
        }

        Assert.That(texts, Is.EqualTo(new[] { "The ", "The sky ", "The sky is ", "The sky is blue." }));
        Assert.That(accumulator.ChunkCount, Is.EqualTo(4));
    }

    [Test]
    public void Append_IgnoresNullAndEmptyParts()
    {
        var accumulator = Accumulate(
            Delta("Hel"),
            new ChatCompletionChunk(),
            new ChatCompletionChunk { Choices = new List<ChatChunkChoice>() },
            new ChatCompletionChunk { Choices = new List<ChatChunkChoice> { null!, new() { Index = 0 } } },
            Delta(new ChatMessageDelta { Content = null, ToolCalls = new List<ChatToolCallDelta> { null! } }),
            Delta("lo"));

        var completion = accumulator.ToCompletion();
        Assert.That(completion.Text, Is.EqualTo("Hello"));
        Assert.That(completion.FirstChoice!.Message!.ToolCalls, Is.Null);
        Assert.That(accumulator.ChunkCount, Is.EqualTo(6));
    }

    [Test]
    public void ToCompletion_HasTheShapeOfANonStreamingCompletion()
    {
        var accumulator = Accumulate(Delta(new ChatMessageDelta { Role = ChatRole.Assistant, Content = "" }), Delta("Hi"), Finish("stop"), UsageChunk());
        accumulator.TokenLimit = 15000;

        var completion = accumulator.ToCompletion();

        Assert.That(completion.Id, Is.EqualTo("chatcmpl-1"));
        Assert.That(completion.Object, Is.EqualTo("chat.completion"));
        Assert.That(completion.Model, Is.EqualTo(GeminiModels.Gemini25Flash));
        Assert.That(completion.Created, Is.EqualTo(1767225600));
        Assert.That(completion.TokenLimit, Is.EqualTo(15000));
        Assert.That(completion.FirstChoice!.Index, Is.Zero);
        Assert.That(completion.FirstChoice.Message!.Content, Is.EqualTo("Hi"));
    }

    [Test]
    public void ToCompletion_WithNoChunks_IsEmpty()
    {
        var completion = new ChatCompletionAccumulator().ToCompletion();

        Assert.That(completion.Choices, Is.Empty);
        Assert.That(completion.Text, Is.Empty);
        Assert.That(completion.FinishReason, Is.Null);
    }

    [Test]
    public void Append_WithNull_Throws()
    {
        Assert.That(() => new ChatCompletionAccumulator().Append(null!), Throws.ArgumentNullException);
    }

    private static ChatCompletionAccumulator Accumulate(params ChatCompletionChunk[] chunks)
    {
        var accumulator = new ChatCompletionAccumulator();
        foreach (var chunk in chunks)
        {
            accumulator.Append(chunk);
        }

        return accumulator;
    }

    private static ChatCompletionChunk Chunk(params ChatChunkChoice[] choices) => new()
    {
        Id = "chatcmpl-1",
        Object = "chat.completion.chunk",
        Created = 1767225600,
        Model = GeminiModels.Gemini25Flash,
        Choices = choices.ToList(),
    };

    private static ChatCompletionChunk Delta(string content, int index = 0) => Delta(new ChatMessageDelta { Content = content }, index);

    private static ChatCompletionChunk Delta(ChatMessageDelta delta, int index = 0) => Chunk(new ChatChunkChoice { Index = index, Delta = delta });

    private static ChatCompletionChunk Finish(string finishReason, int index = 0) =>
        Chunk(new ChatChunkChoice { Index = index, Delta = new ChatMessageDelta(), FinishReason = new FinishReason(finishReason) });

    private static ChatCompletionChunk ToolCall(int index, string? id = null, string? name = null, string? arguments = null) =>
        Delta(new ChatMessageDelta
        {
            ToolCalls = new List<ChatToolCallDelta>
            {
                new()
                {
                    Index = index,
                    Id = id,
                    Type = id is null ? null : "function",
                    Function = new FunctionCall { Name = name, Arguments = arguments },
                },
            },
        });

    private static ChatCompletionChunk UsageChunk()
    {
        var chunk = Chunk();
        chunk.Usage = new CompletionUsage
        {
            PromptTokens = 9,
            CompletionTokens = 120,
            TotalTokens = 129,
            CompletionTokensDetails = new CompletionTokensDetails { ReasoningTokens = 113 },
        };
        chunk.Meta = new ChatCompletionMeta { Usage = new BillingUsage { CreditsUsed = 1234m, UsdSpent = 0.000315m } };
        return chunk;
    }
}
