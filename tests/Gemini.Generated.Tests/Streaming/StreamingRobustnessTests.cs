using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace Gemini.Generated.Tests.Streaming;

/// <summary>What the SSE format and the service's chunks allow, byte for byte from a raw server, read correctly.</summary>
public class StreamingRobustnessTests
{
    [Test]
    public async Task CompleteStreamingAsync_IgnoresCommentAndKeepAliveLines()
    {
        var result = await StreamingKit.StreamAsync(
            ": ping\n\n",
            Sse.Content("Hel"),
            ": keep-alive\n: ping\n\n",
            ":\n" + Sse.Content("lo"),
            Sse.Finish(),
            ": ping\n\n",
            Sse.Done);

        Assert.That(result.Completion.Text, Is.EqualTo("Hello"));
        Assert.That(result.Chunks, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task CompleteStreamingAsync_ReadsEventsThatNameAnEventType()
    {
        var result = await StreamingKit.StreamAsync(
            "event: message\n" + Sse.Content("Hel"),
            "event: completion.chunk\n" + Sse.Content("lo"),
            "event: message\n" + Sse.Finish(),
            Sse.Done);

        Assert.That(result.Completion.Text, Is.EqualTo("Hello"));
    }

    [Test]
    public async Task CompleteStreamingAsync_IgnoresIdAndRetryFields()
    {
        var result = await StreamingKit.StreamAsync(
            "retry: 3000\n\n",
            "id: 1\n" + Sse.Content("Hel"),
            "id: 2\nretry: 10\n" + Sse.Content("lo"),
            Sse.Finish(),
            "id: 3\n" + Sse.Done);

        Assert.That(result.Completion.Text, Is.EqualTo("Hello"));
        Assert.That(result.Chunks, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task CompleteStreamingAsync_JoinsAChunkSplitOverSeveralDataLines()
    {
        var result = await StreamingKit.StreamAsync(
            Sse.Content("Hel"),
            """
            data: {"choices":[{"index":0,
            data: "delta":{"content":"lo"},
            data: "finish_reason":"stop"}]}


            """,
            Sse.Done);

        Assert.That(result.Completion.Text, Is.EqualTo("Hello"));
        Assert.That(result.Completion.FinishReason, Is.EqualTo(FinishReason.Stop));
    }

    [TestCase("\n", TestName = "CompleteStreamingAsync_ReadsLfLineEndings")]
    [TestCase("\r\n", TestName = "CompleteStreamingAsync_ReadsCrLfLineEndings")]
    [TestCase("\r", TestName = "CompleteStreamingAsync_ReadsCrLineEndings")]
    public async Task CompleteStreamingAsync_ReadsEveryLineEnding(string newline)
    {
        var body = (": ping\n" + Sse.Answer("Hel", "lo")).Replace("\n", newline);

        var result = await StreamingKit.StreamAsync(body);

        Assert.That(result.Completion.Text, Is.EqualTo("Hello"));
        Assert.That(result.Chunks, Has.Count.EqualTo(3));
    }

    [TestCase("Café", "é", TestName = "CompleteStreamingAsync_ReadsATwoByteCharacterSplitAcrossWrites")]
    [TestCase("5 € each", "€", TestName = "CompleteStreamingAsync_ReadsAThreeByteCharacterSplitAcrossWrites")]
    [TestCase("Hi 😀!", "😀", TestName = "CompleteStreamingAsync_ReadsAFourByteCharacterSplitAcrossWrites")]
    public async Task CompleteStreamingAsync_ReadsAMultibyteCharacterSplitAcrossWrites(string content, string character)
    {
        var body = Encoding.UTF8.GetBytes(Sse.Content(content));
        var split = body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(character)) + 1;
        Assert.That(split, Is.GreaterThan(1));

        var result = await StreamingKit.StreamAsync(body[..split], body[split..], Encoding.UTF8.GetBytes(Sse.Finish() + Sse.Done));

        Assert.That(result.Completion.Text, Is.EqualTo(content));
    }

    [Test]
    public async Task CompleteStreamingAsync_KeepsLineAndParagraphSeparatorsSentUnescaped()
    {
        var result = await StreamingKit.StreamAsync(
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\u2028b\u2029c\"}}]}\n\n",
            Sse.Finish(),
            Sse.Done);

        Assert.That(result.Completion.Text, Is.EqualTo("a\u2028b\u2029c"));
        Assert.That(result.Chunks, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task CompleteStreamingAsync_KeepsLineAndParagraphSeparatorsSentEscaped()
    {
        var result = await StreamingKit.StreamAsync(
            Sse.Data("""{"choices":[{"index":0,"delta":{"content":"a\u2028b\u2029c"}}]}"""),
            Sse.Finish(),
            Sse.Done);

        Assert.That(result.Completion.Text, Is.EqualTo("a\u2028b\u2029c"));
    }

    [Test]
    public async Task CompleteStreamingAsync_AcceptsAChunkWithEmptyChoices()
    {
        var result = await StreamingKit.StreamAsync(
            Sse.Content("Hel"),
            Sse.Data("""{"id":"chatcmpl-test","object":"chat.completion.chunk","choices":[]}"""),
            Sse.Content("lo"),
            Sse.Finish(),
            Sse.Done);

        Assert.That(result.Completion.Text, Is.EqualTo("Hello"));
        Assert.That(result.Chunks, Has.Count.EqualTo(4));
    }

    [TestCase("""{"choices":[{"index":0,"delta":null}]}""", TestName = "CompleteStreamingAsync_AcceptsANullDelta")]
    [TestCase("""{"choices":[{"index":0}]}""", TestName = "CompleteStreamingAsync_AcceptsAMissingDelta")]
    [TestCase("""{"choices":[{"index":0,"delta":{"content":null}}]}""", TestName = "CompleteStreamingAsync_AcceptsNullContent")]
    [TestCase("""{"choices":[{"index":0,"delta":{}}]}""", TestName = "CompleteStreamingAsync_AcceptsAnEmptyDelta")]
    [TestCase("""{"choices":[{"index":0,"delta":{"role":null,"content":null,"refusal":null,"tool_calls":null},"finish_reason":null,"logprobs":null}]}""",
        TestName = "CompleteStreamingAsync_AcceptsADeltaOfNulls")]
    [TestCase("""{"choices":null,"usage":null,"meta":null}""", TestName = "CompleteStreamingAsync_AcceptsNullChoices")]
    [TestCase("""{}""", TestName = "CompleteStreamingAsync_AcceptsAnEmptyChunk")]
    [TestCase("""{"choices":[null]}""", TestName = "CompleteStreamingAsync_AcceptsANullChoice")]
    public async Task CompleteStreamingAsync_AcceptsNullOrMissingFields(string chunk)
    {
        var result = await StreamingKit.StreamAsync(Sse.Content("Hel"), Sse.Data(chunk), Sse.Content("lo"), Sse.Finish(), Sse.Done);

        Assert.That(result.Completion.Text, Is.EqualTo("Hello"));
        Assert.That(result.Completion.FinishReason, Is.EqualTo(FinishReason.Stop));
        Assert.That(result.Chunks, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task CompleteStreamingAsync_WhenNoChunkCarriesARole_CompletesAsTheAssistant()
    {
        var result = await StreamingKit.StreamAsync(Sse.Answer("Hel", "lo"));

        Assert.That(result.Completion.FirstChoice!.Message!.Role, Is.EqualTo(ChatRole.Assistant));
        Assert.That(result.Completion.Text, Is.EqualTo("Hello"));
    }

    [Test]
    public async Task CompleteStreamingAsync_WhenAChoiceHasNoIndex_TakesItAsTheFirst()
    {
        var result = await StreamingKit.StreamAsync(
            Sse.Content("Hel"),
            Sse.Data("""{"choices":[{"delta":{"content":"lo"},"finish_reason":"stop"}]}"""),
            Sse.Done);

        Assert.That(result.Completion.Choices, Has.Count.EqualTo(1));
        Assert.That(result.Completion.Text, Is.EqualTo("Hello"));
    }

    [TestCase("MAX_TOKENS", TestName = "CompleteStreamingAsync_KeepsTheUnknownFinishReasonMaxTokens")]
    [TestCase("SAFETY", TestName = "CompleteStreamingAsync_KeepsTheUnknownFinishReasonSafety")]
    [TestCase("", TestName = "CompleteStreamingAsync_KeepsAnEmptyFinishReason")]
    public async Task CompleteStreamingAsync_KeepsUnknownFinishReasons(string finishReason)
    {
        var result = await StreamingKit.StreamAsync(Sse.Content("Hello"), Sse.Finish(finishReason), Sse.Done);

        Assert.That(result.Completion.FinishReason, Is.EqualTo(new FinishReason(finishReason)));
        Assert.That(result.Completion.FinishReason!.Value.Value, Is.EqualTo(finishReason));
        Assert.That(result.Completion.Text, Is.EqualTo("Hello"));
    }

    [Test]
    public void CompleteStreamingAsync_WhenMaxTokensCutsAnEmptyAnswer_ThrowsTruncation()
    {
        var error = Assert.ThrowsAsync<GeminiTruncationException>(() => StreamingKit.StreamAsync(Sse.Content(string.Empty), Sse.Finish("MAX_TOKENS"), Sse.Done))!;

        Assert.That(error.FinishReason, Is.EqualTo(new FinishReason("MAX_TOKENS")));
    }

    [Test]
    public async Task CompleteStreamingAsync_IgnoresUnknownFieldsAtEveryLevel()
    {
        var result = await StreamingKit.StreamAsync(
            Sse.Data("""
                {"id":"c1","x_top":{"nested":[1,{"deep":null}]},"system_fingerprint":"fp","choices":[{"index":0,"x_choice":true,
                "delta":{"role":"assistant","content":"Hel","x_delta":"v","reasoning_content":"thinking","tool_calls":null},"finish_reason":null}]}
                """.Replace("\n", string.Empty)),
            Sse.Data("""
                {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","x_call":1,
                "function":{"name":"f","arguments":"{}","x_function":[]}}]}}]}
                """.Replace("\n", string.Empty)),
            Sse.Data("""{"choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop","x_after":{}}]}"""),
            Sse.Data("""
                {"choices":[],"usage":{"prompt_tokens":2,"completion_tokens":5,"total_tokens":7,"x_usage":1,
                "completion_tokens_details":{"reasoning_tokens":3,"x_details":"d"},"prompt_tokens_details":{"cached_tokens":0,"x_prompt":0}},
                "meta":{"x_meta":"m","usage":{"credits_used":40,"usd_spent":0.0000125,"x_billing":"b"}}}
                """.Replace("\n", string.Empty)),
            Sse.Done);

        var completion = result.Completion;
        Assert.That(completion.Text, Is.EqualTo("Hello"));
        Assert.That(completion.FinishReason, Is.EqualTo(FinishReason.Stop));
        Assert.That(completion.FirstChoice!.Message!.ToolCalls!.Single().Function!.Name, Is.EqualTo("f"));
        Assert.That(completion.CompletionTokens, Is.EqualTo(5));
        Assert.That(completion.ReasoningTokens, Is.EqualTo(3));
        Assert.That(completion.CreditsUsed, Is.EqualTo(40m));
        Assert.That(completion.UsdSpent, Is.EqualTo(0.0000125m));
        Assert.That(result.Chunks[0].AdditionalProperties.Keys, Is.SupersetOf(new[] { "x_top", "system_fingerprint" }));
        Assert.That(result.Chunks[0].Choices![0].AdditionalProperties.Keys, Does.Contain("x_choice"));
    }

    [Test]
    public async Task CompleteStreamingAsync_WhenAChunkCarriesANullErrorField_ReadsItAsAChunk()
    {
        var result = await StreamingKit.StreamAsync(
            Sse.Data("""{"choices":[{"index":0,"delta":{"content":"Hel"}}],"error":null}"""),
            Sse.Data("""{"choices":[{"index":0,"delta":{"content":"lo"},"finish_reason":"stop"}],"error":null}"""),
            Sse.Done);

        Assert.That(result.Completion.Text, Is.EqualTo("Hello"));
    }

    [Test]
    public async Task CompleteStreamingAsync_ReadsAnEventLargerThanTheReadBuffers()
    {
        var large = new string('x', 300_000) + "é";

        var result = await StreamingKit.StreamAsync(Sse.Content("a"), Sse.Content(large), Sse.Content("b"), Sse.Finish(), Sse.Done);

        Assert.That(result.Completion.Text, Is.EqualTo("a" + large + "b"));
    }
}
