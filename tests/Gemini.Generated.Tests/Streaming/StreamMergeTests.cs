using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Support;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated.Tests.Streaming;

/// <summary>
/// A stream's merged completion carries everything its chunks carried, including the fields the SDK does not type, and is the
/// completion the non-streamed call returns for the same answer.
/// </summary>
public class StreamMergeTests : FakeServerTestBase
{
    /// <summary>Fields that exist only on chunks: the merged completion has the non-streamed value or shape in their place.</summary>
    private static readonly string[] ChunkOnlyFields =
    {
        "object: \"chat.completion.chunk\" (the completion has \"chat.completion\")",
        "choices[].delta (the completion has choices[].message)",
    };

    [Test]
    public async Task Merge_MinimalStream_KeepsTheSystemFingerprint()
    {
        var result = await StreamingKit.StreamAsync(
            Sse.Data("""{"id":"c1","system_fingerprint":"fp_1","choices":[{"index":0,"delta":{"content":"a"},"finish_reason":"stop"}]}"""),
            Sse.Done);

        Assert.That(result.Completion.AdditionalProperties["system_fingerprint"], Is.EqualTo("fp_1"));
        Assert.That(result.Completion.Id, Is.EqualTo("c1"));
        Assert.That(result.Completion.Text, Is.EqualTo("a"));
    }

    [Test]
    public async Task Merge_AzureStyleFirstChunk_DoesNotLeaveIdModelOrCreatedEmpty()
    {
        var result = await StreamingKit.StreamAsync(
            Sse.Data("""{"choices":[],"created":0,"id":"","model":""}"""),
            Sse.Data("""{"id":"chatcmpl-9","created":1767225600,"model":"google/gemini-2.5-flash","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":"stop"}]}"""),
            Sse.Done);

        Assert.That(result.Completion.Id, Is.EqualTo("chatcmpl-9"));
        Assert.That(result.Completion.Model, Is.EqualTo("google/gemini-2.5-flash"));
        Assert.That(result.Completion.Created, Is.EqualTo(1767225600));
    }

    [Test]
    public async Task Merge_AStreamUsingEveryField_SerializesAsTheNonStreamedCompletionOfTheSameAnswer()
    {
        Server.Enqueue(FakeReply.Raw(200, Assets.Read("gemini-every-field.stream.txt"), "text/event-stream"));
        Server.Enqueue(FakeReply.Raw(200, Assets.Read("gemini-every-field.completion.json")));
        var client = Server.CreateClient();

        var streamed = await client.CompleteStreamingAsync("Weather in Paris?").GetCompletionAsync();
        var plain = await client.CompleteAsync("Weather in Paris?");

        var expected = JObject.FromObject(plain, JsonSerializer.Create(GeminiJson.Settings));
        var actual = JObject.FromObject(streamed, JsonSerializer.Create(GeminiJson.Settings));
        Assert.That(JsonSemantics.Equal(actual, expected), Is.True,
            "apart from the chunk-only fields (" + string.Join("; ", ChunkOnlyFields) + "):\n" + TextDiff.Unified(expected.ToString(), actual.ToString()));
        Assert.That(Server.Requests.Select(r => r.IsStreaming), Is.EqualTo(new[] { true, false }));
    }

    [Test]
    public async Task Merge_AStreamUsingEveryField_GivesTypedAccessToWhatGeminiUsersNeed()
    {
        Server.Enqueue(FakeReply.Raw(200, Assets.Read("gemini-every-field.stream.txt"), "text/event-stream"));
        var stream = Server.CreateClient().CompleteStreamingAsync("Weather in Paris?");
        var chunks = await stream.ReadAllAsync();
        var completion = stream.Completion!;

        var message = completion.FirstChoice!.Message!;
        Assert.That(completion.ReasoningText, Is.EqualTo("**Checking the weather**\n\nThe user asks about Paris, so I call get_weather."));
        Assert.That(message.ToolCalls!.Single().ThoughtSignature, Does.StartWith("CtQBAdHtim8x3Y7k").And.EndWith("+/8="));
        Assert.That(message.Audio!.Transcript, Is.EqualTo("Let me check the weather in Paris."), "a field the delta does not type lands in the message's typed property");
        Assert.That(message.Audio.ExpiresAt, Is.EqualTo(1762353600));
        Assert.That(completion.AdditionalProperties["provider"], Is.EqualTo("Google"), "a value each chunk repeats is not concatenated");
        Assert.That(completion.FirstChoice.AdditionalProperties["native_finish_reason"], Is.EqualTo("STOP"));
        Assert.That(chunks.Select(c => c.ReasoningText).Where(r => r is not null), Has.Exactly(2).Items);
        Assert.That(chunks.Count(c => c.Choices?.FirstOrDefault()?.Delta?.IsThought == true), Is.EqualTo(2));
        Assert.That(chunks.SelectMany(c => c.Choices ?? new List<ChatChunkChoice>()).SelectMany(c => c.Delta?.ToolCalls ?? new List<ChatToolCallDelta>())
            .Count(t => t.ThoughtSignature is not null), Is.EqualTo(1));
    }

    [Test]
    public void Append_DeltaStringsConcatenate_RepeatedValuesKeepTheLast_IdentifiersTheFirst()
    {
        var accumulator = Accumulate(
            """{"id":"c1","provider":"Google","system_fingerprint":"fp_1","choices":[{"index":0,"native_finish_reason":null,"delta":{"reasoning_content":"Think","reasoning":null}}]}""",
            """{"id":"c1","provider":"Google","system_fingerprint":"fp_2","choices":[{"index":0,"native_finish_reason":null,"delta":{"reasoning_content":"ing.","reasoning":null,"content":"4"}}]}""",
            """{"id":"c1","provider":"Google","choices":[{"index":0,"native_finish_reason":"STOP","finish_reason":"stop","delta":{}}]}""");

        var completion = accumulator.ToCompletion();
        var choice = completion.FirstChoice!;
        Assert.That(completion.AdditionalProperties["provider"], Is.EqualTo("Google"));
        Assert.That(completion.AdditionalProperties["system_fingerprint"], Is.EqualTo("fp_2"));
        Assert.That(choice.AdditionalProperties["native_finish_reason"], Is.EqualTo("STOP"));
        Assert.That(choice.Message!.AdditionalProperties["reasoning_content"], Is.EqualTo("Thinking."));
        Assert.That(choice.Message.AdditionalProperties.ContainsKey("reasoning") && choice.Message.AdditionalProperties["reasoning"] is null, Is.True,
            "a field that was only ever null is kept as null");
        Assert.That(choice.Message.ReasoningText, Is.EqualTo("Thinking."));
    }

    [Test]
    public void Append_OpenRouterReasoningDetails_MergeByIndex()
    {
        var accumulator = Accumulate(
            """{"choices":[{"index":0,"delta":{"reasoning_details":[]}}]}""",
            """{"choices":[{"index":0,"delta":{"reasoning_details":[{"type":"reasoning.text","text":"The user is asking for","format":"anthropic-claude-v1","index":0}]}}]}""",
            """{"choices":[{"index":0,"delta":{"reasoning_details":[{"type":"reasoning.text","text":" weather","format":"anthropic-claude-v1","index":0}]}}]}""",
            """{"choices":[{"index":0,"delta":{"reasoning_details":[{"type":"reasoning.text","text":"","signature":"EqgB","format":"anthropic-claude-v1","index":0},{"type":"reasoning.encrypted","data":"gAAAAABo","index":1}]}}]}""");

        var details = (JArray)accumulator.ToCompletion().FirstChoice!.Message!.AdditionalProperties["reasoning_details"];

        Assert.That(JsonSemantics.Equal(details, JArray.Parse("""
            [{"type":"reasoning.text","text":"The user is asking for weather","format":"anthropic-claude-v1","index":0,"signature":"EqgB"},
             {"type":"reasoning.encrypted","data":"gAAAAABo","index":1}]
            """)), Is.True, details.ToString());
    }

    [Test]
    public void Append_ToolCallExtraContent_IsKeptOnTheMergedCall()
    {
        var accumulator = Accumulate(
            """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"f","arguments":"{"},"extra_content":{"google":{"thought_signature":"sig+/="}}}]}}]}""",
            """{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"}"}}]},"finish_reason":"tool_calls"}]}""");

        var call = accumulator.ToCompletion().FirstChoice!.Message!.ToolCalls!.Single();

        Assert.That(call.ThoughtSignature, Is.EqualTo("sig+/="));
        Assert.That(call.Function!.Arguments, Is.EqualTo("{}"));
    }

    [Test]
    public void Append_NeverChangesTheChunks()
    {
        var events = Assets.Read("gemini-every-field.stream.txt").Split("\n\n").Where(e => e.StartsWith("data: {")).Select(e => e.Substring("data: ".Length)).ToList();
        var chunks = events.Select(Parse).ToList();
        var before = chunks.Select(Serialize).ToList();
        var accumulator = new ChatCompletionAccumulator();

        foreach (var chunk in chunks)
        {
            accumulator.Append(chunk);
        }

        accumulator.ToCompletion();
        accumulator.ToCompletion();
        Assert.That(chunks.Select(Serialize), Is.EqualTo(before));
    }

    [Test]
    public void ToCompletion_WhenAMergedFieldDoesNotFitItsTypedProperty_KeepsItAsSent()
    {
        var accumulator = Accumulate("""{"choices":[{"index":0,"delta":{"content":"Hi","audio":42,"annotations":"none"},"finish_reason":"stop"}]}""");

        var message = accumulator.ToCompletion().FirstChoice!.Message!;

        Assert.That(message.Content, Is.EqualTo("Hi"));
        Assert.That(message.AdditionalProperties["audio"]?.ToString(), Is.EqualTo("42"));
        Assert.That(message.AdditionalProperties["annotations"]?.ToString(), Is.EqualTo("none"));
    }

    private static ChatCompletionAccumulator Accumulate(params string[] chunks)
    {
        var accumulator = new ChatCompletionAccumulator();
        foreach (var chunk in chunks)
        {
            accumulator.Append(Parse(chunk));
        }

        return accumulator;
    }

    private static ChatCompletionChunk Parse(string json) => JsonConvert.DeserializeObject<ChatCompletionChunk>(json, GeminiJson.Settings)!;

    private static string Serialize(ChatCompletionChunk chunk) => JsonConvert.SerializeObject(chunk, GeminiJson.Settings);
}
