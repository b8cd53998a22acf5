using System;
using Newtonsoft.Json;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>
/// What the chat models make of what the service sends: which reasoning field wins, content parts without text or thinking,
/// which token limit a request carries, truncation with an empty list of tool calls, and a tool choice's argument check.
/// </summary>
public class ChatModelSurvivorTests
{
    [TestCase("""{"role":"assistant","content":"4","reasoning_content":"first","reasoning":"second"}""", "first")]
    [TestCase("""{"role":"assistant","content":[{"type":"thinking","thinking":"third"},{"type":"text","text":"4"}],"reasoning":"second"}""", "second")]
    [TestCase("""{"role":"assistant","content":[{"type":"text","text":"4"}]}""", null)]
    public void ReasoningText_TakesReasoningContentThenReasoningThenThinkingParts(string message, string? expected)
    {
        Assert.That(Message(message).ReasoningText, Is.EqualTo(expected));
    }

    [Test]
    public void ContentPartsWithoutText_GiveNoContent()
    {
        var message = Message("""{"role":"assistant","content":[{"type":"thinking","thinking":"2+2"}]}""");

        Assert.That(message.Content, Is.Null);
        Assert.That(message.ReasoningText, Is.EqualTo("2+2"));
    }

    [Test]
    public void TokenLimit_IsMaxCompletionTokensWhenBothLimitsAreSet()
    {
        Assert.That(new ChatCompletionRequest { MaxCompletionTokens = 100, MaxTokens = 50 }.TokenLimit, Is.EqualTo(100));
        Assert.That(new ChatCompletionRequest { MaxTokens = 50 }.TokenLimit, Is.EqualTo(50));
    }

    [Test]
    public void ThrowWhenEmpty_ThrowsForAnEmptyAnswerWithAnEmptyListOfToolCalls()
    {
        var completion = JsonConvert.DeserializeObject<ChatCompletion>(
            """{"choices":[{"index":0,"finish_reason":"length","message":{"role":"assistant","content":"","tool_calls":[]}}]}""",
            GeminiJson.Settings)!;

        Assert.Throws<GeminiTruncationException>(() => completion.ApplyTruncationBehavior(TruncationBehavior.ThrowWhenEmpty));
    }

    [Test]
    public void ToolChoiceFunction_WithoutAName_SaysANameIsRequired()
    {
        var error = Assert.Throws<ArgumentException>(() => ToolChoice.Function(string.Empty))!;

        Assert.That(error.ParamName, Is.EqualTo("name"));
        Assert.That(error.Message, Does.StartWith("A function name is required."));
    }

    private static ChatCompletionMessage Message(string json) => JsonConvert.DeserializeObject<ChatCompletionMessage>(json, GeminiJson.Settings)!;
}
