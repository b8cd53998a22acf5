using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>
/// The completion a stream's chunks merge into, fed to the accumulator directly: tool calls sent without an index, names and
/// types, log probabilities, an empty content, the fields of content parts, the service tier; and the one chunk a JSON answer
/// becomes.
/// </summary>
public class StreamMergeRuleTests
{
    [Test]
    public void AnAccumulatorWithNoChunks_HasAnEmptyText()
    {
        var accumulator = new ChatCompletionAccumulator();

        Assert.That(accumulator.Text, Is.Empty);
        Assert.That(accumulator.FinishReason, Is.Null);
    }

    [Test]
    public void ToolCallsWithoutAnIndex_ANewIdStartsTheNextCall_AndAnyOtherDeltaContinuesTheLastOne()
    {
        var completion = Merge(
            Delta("""{"tool_calls":[{"id":"a","type":"function","function":{"name":"first","arguments":"1"}}]}"""),
            Delta("""{"tool_calls":[{"id":"b","type":"function","function":{"name":"second","arguments":"2"}}]}"""),
            Delta("""{"tool_calls":[{"function":{"arguments":"3"}}]}"""),
            Delta("""{"tool_calls":[{"id":"b","function":{"arguments":"4"}}]}"""),
            Delta("""{"tool_calls":[{"id":"c","type":"function","function":{"name":"third","arguments":"5"}}]}""", "tool_calls"));

        var calls = completion.Choices!.Single().Message!.ToolCalls!;
        Assert.That(calls.Select(c => $"{c.Id} {c.Function!.Name}({c.Function.Arguments})"), Is.EqualTo(new[] { "a first(1)", "b second(234)", "c third(5)" }));
    }

    [Test]
    public void AToolCallName_IsTheFirstNonEmptyOne()
    {
        var completion = Merge(
            Delta("""{"tool_calls":[{"index":0,"id":"a","function":{"name":"","arguments":"{"}}]}"""),
            Delta("""{"tool_calls":[{"index":0,"function":{"name":"lookup","arguments":"}"}}]}""", "tool_calls"));

        var call = completion.Choices!.Single().Message!.ToolCalls!.Single();
        Assert.That(call.Function!.Name, Is.EqualTo("lookup"));
        Assert.That(call.Function.Arguments, Is.EqualTo("{}"));
    }

    [Test]
    public void AToolCallType_IsTheOneSent_AndFunctionWhenNoneWas()
    {
        var completion = Merge(
            Delta("""{"tool_calls":[{"index":0,"id":"a","type":"custom","function":{"name":"f","arguments":""}},{"index":1,"id":"b","function":{"name":"g","arguments":""}}]}""", "tool_calls"));

        Assert.That(completion.Choices!.Single().Message!.ToolCalls!.Select(c => c.Type), Is.EqualTo(new[] { "custom", "function" }));
    }

    [Test]
    public void AToolCallsOwnStringFields_ArePiecesThatConcatenate()
    {
        var completion = Merge(
            Delta("""{"tool_calls":[{"index":0,"id":"a","function":{"name":"f","arguments":"{"},"signature":"ab"}]}"""),
            Delta("""{"tool_calls":[{"index":0,"function":{"arguments":"}"},"signature":"cd"}]}""", "tool_calls"));

        Assert.That(completion.Choices!.Single().Message!.ToolCalls!.Single().AdditionalProperties["signature"], Is.EqualTo("abcd"));
    }

    [Test]
    public void AChoiceWithNoContentAndNoToolCalls_HasAnEmptyContent_NotNone()
    {
        var completion = Merge(Delta("""{"role":"assistant"}"""), Delta("{}", "stop"));

        var message = completion.Choices!.Single().Message!;
        Assert.That(message.Content, Is.Not.Null.And.Empty);
        Assert.That(JsonConvert.SerializeObject(message, GeminiJson.Settings), Is.EqualTo("""{"role":"assistant","content":""}"""));
    }

    [Test]
    public void ContentSentOnlyAsParts_HasNoTextContent()
    {
        var completion = Merge(Delta("""{"content":[{"type":"image_url","image_url":{"url":"https://example.com/a.png"}}]}""", "stop"));

        var message = completion.Choices!.Single().Message!;
        Assert.That(message.Content, Is.Null);
        Assert.That(message.ContentParts, Has.Count.EqualTo(1));
    }

    [Test]
    public void LogprobsOfTheContentOnly_AreKept()
    {
        var completion = Merge(
            Chunk("""{"choices":[{"index":0,"delta":{"content":"Hi"},"logprobs":{"content":[{"token":"Hi","logprob":-0.5,"top_logprobs":[]}]}}]}"""),
            Delta("{}", "stop"));

        var logprobs = completion.Choices!.Single().Logprobs;
        Assert.That(logprobs, Is.Not.Null);
        Assert.That(logprobs!.Content!.Select(t => t.Token), Is.EqualTo(new[] { "Hi" }));
        Assert.That(logprobs.Refusal, Is.Null);
    }

    [Test]
    public void LogprobsOfARefusal_AreKeptFromEveryChunk()
    {
        var completion = Merge(
            Chunk("""{"choices":[{"index":0,"delta":{"refusal":"No"},"logprobs":{"refusal":[{"token":"No","logprob":-0.1,"top_logprobs":[]}]}}]}"""),
            Chunk("""{"choices":[{"index":0,"delta":{"refusal":"pe"},"logprobs":{"refusal":[{"token":"pe","logprob":-0.2,"top_logprobs":[]}]}}]}"""),
            Delta("{}", "stop"));

        var logprobs = completion.Choices!.Single().Logprobs!;
        Assert.That(logprobs.Refusal!.Select(t => t.Token), Is.EqualTo(new[] { "No", "pe" }));
        Assert.That(logprobs.Content, Is.Null);
    }

    [Test]
    public void TheFieldsOfTextAndRefusalParts_AreKept()
    {
        var completion = Merge(
            Delta("""{"content":[{"type":"text","text":"One ","note":"a"},{"type":"refusal","refusal":"Not ","why":"x"}]}"""),
            Delta("""{"content":[{"type":"refusal","refusal":"that.","why":"y"}]}""", "stop"));

        Assert.That(JsonConvert.SerializeObject(completion.Choices!.Single().Message!.ContentParts, GeminiJson.Settings), Is.EqualTo(
            """[{"type":"text","text":"One ","note":"a"},{"type":"refusal","refusal":"Not that.","why":"xy"}]"""));
    }

    [Test]
    public void TheServiceTier_IsTheLastOneSent()
    {
        var completion = Merge(
            Chunk("""{"service_tier":"default","choices":[{"index":0,"delta":{"content":"Hi"}}]}"""),
            Chunk("""{"service_tier":"flex","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}"""));

        Assert.That(completion.AdditionalProperties["service_tier"], Is.EqualTo("flex"));
    }

    [Test]
    public void AJsonAnswer_BecomesOneChunkWhoseChoicesCarryTheMessageAsTheirDelta()
    {
        var answer = JsonConvert.DeserializeObject<ChatCompletion>(
            """{"id":"c1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}""",
            GeminiJson.Settings)!;

        var chunk = ChatCompletionChunk.From(answer);

        Assert.That(chunk.Object, Is.EqualTo("chat.completion.chunk"));
        Assert.That(chunk.Text, Is.EqualTo("Hi"));
        Assert.That(JToken.DeepEquals(JObject.Parse(JsonConvert.SerializeObject(chunk, GeminiJson.Settings)), JObject.Parse(
            """{"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}""")), Is.True);
    }

    [Test]
    public void AChunkWithAnEmptyListOfChoices_HasNoFinishReason()
    {
        var chunk = Chunk("""{"id":"c1","choices":[]}""");

        Assert.That(chunk.FinishReason, Is.Null);
        Assert.That(chunk.Text, Is.Empty);
    }

    [Test]
    public void StreamOptionsSentWithUsageByDefault_KeepTheCallersOwnFields()
    {
        var options = new ChatStreamOptions();
        options.AdditionalProperties["include_obfuscation"] = false;

        var sent = options.WithUsageByDefault();

        Assert.That(sent.IncludeUsage, Is.True);
        Assert.That(sent.AdditionalProperties, Is.EqualTo(new Dictionary<string, object> { ["include_obfuscation"] = false }));
        Assert.That(sent.AdditionalProperties, Is.Not.SameAs(options.AdditionalProperties));
    }

    private static ChatCompletion Merge(params ChatCompletionChunk[] chunks)
    {
        var accumulator = new ChatCompletionAccumulator();
        foreach (var chunk in chunks)
        {
            accumulator.Append(chunk);
        }

        return accumulator.ToCompletion();
    }

    private static ChatCompletionChunk Delta(string delta, string? finishReason = null) =>
        Chunk($$"""{"id":"c1","choices":[{"index":0,"delta":{{delta}},"finish_reason":{{(finishReason is null ? "null" : "\"" + finishReason + "\"")}}}]}""");

    private static ChatCompletionChunk Chunk(string json) => JsonConvert.DeserializeObject<ChatCompletionChunk>(json, GeminiJson.Settings)!;
}
