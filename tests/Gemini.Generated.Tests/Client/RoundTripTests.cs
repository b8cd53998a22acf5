using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Support;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated.Tests.Client;

/// <summary>
/// <see cref="ChatMessage.Assistant(ChatCompletionMessage)"/> sends back everything the answer carried: a function-calling
/// conversation with Gemini needs each tool call's thought signature back, unchanged, on the next turn.
/// </summary>
public class RoundTripTests : FakeServerTestBase
{
    private const string ToolResult = """{"temperature":18,"unit":"celsius"}""";

    [Test]
    public void Assistant_FromAMinimalMessage_SendsBackEveryField()
    {
        const string Message = """
            {"role":"assistant","reasoning_content":"r","reasoning_details":[{"type":"reasoning.text","text":"r","index":0}],"extra_content":{"google":{"thought":true}},
             "tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"},"extra_content":{"google":{"thought_signature":"s+/="}}}]}
            """;

        var assistant = ChatMessage.Assistant(JsonConvert.DeserializeObject<ChatCompletionMessage>(Message, GeminiJson.Settings)!);

        var sent = JObject.Parse(JsonConvert.SerializeObject(assistant, typeof(ChatMessage), GeminiJson.Settings));
        Assert.That(JsonSemantics.Equal(sent, JObject.Parse(Message)), Is.True, sent.ToString());
    }

    [Test]
    public void Assistant_WithContentParts_SendsThePartsBack()
    {
        const string Message = """{"role":"assistant","content":[{"type":"thinking","thinking":"t","signature":"sig"},{"type":"text","text":"4"}]}""";

        var assistant = ChatMessage.Assistant(JsonConvert.DeserializeObject<ChatCompletionMessage>(Message, GeminiJson.Settings)!);

        Assert.That(assistant.Content!.Parts.Select(p => p.GetType()), Is.EqualTo(new[] { typeof(OtherContentPart), typeof(TextContentPart) }));
        Assert.That(JsonConvert.SerializeObject(assistant, typeof(ChatMessage), GeminiJson.Settings), Is.EqualTo(Message));
    }

    [Test]
    public void Assistant_CopiesTheMessage_SoThatChangingOneLeavesTheOther()
    {
        var message = JsonConvert.DeserializeObject<ChatCompletionMessage>(
            """{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"},"extra_content":{"google":{"thought_signature":"s"}}}]}""",
            GeminiJson.Settings)!;

        var assistant = ChatMessage.Assistant(message);
        message.ToolCalls![0].Function!.Arguments = "changed";
        ((JObject)message.ToolCalls[0].AdditionalProperties["extra_content"])["google"]!["thought_signature"] = "changed";

        Assert.That(assistant.ToolCalls![0].Function!.Arguments, Is.EqualTo("{}"));
        Assert.That(assistant.ToolCalls[0].ThoughtSignature, Is.EqualTo("s"));
    }

    [Test]
    public async Task TwoTurnToolCall_SendsTheFirstAnswerBack_WithItsThoughtSignatureByteForByte()
    {
        Server.Enqueue(FakeReply.Raw(200, Assets.Read("gemini-tool-call.completion.json")), FakeReply.Completion("It is 18 °C in Paris."));
        var client = CreateClient();
        var question = ChatMessage.User("What is the weather in Paris?");

        var first = await client.CompleteAsync(new ChatCompletionRequest(question));
        var answer = await client.CompleteAsync(new ChatCompletionRequest(question, ChatMessage.Assistant(first.FirstChoice!.Message!),
            ChatMessage.Tool(first.FirstChoice.Message!.ToolCalls![0].Id!, ToolResult)));

        Assert.That(answer.Text, Is.EqualTo("It is 18 °C in Paris."));
        AssertSecondRequestCarriesTheFirstAnswer();
    }

    [Test]
    public async Task TwoTurnToolCall_Streamed_SendsTheFirstAnswerBack_WithItsThoughtSignatureByteForByte()
    {
        Server.Enqueue(FakeReply.Raw(200, Assets.Read("gemini-tool-call.stream.txt"), "text/event-stream"), FakeReply.Completion("It is 18 °C in Paris."));
        var client = CreateClient();
        var question = ChatMessage.User("What is the weather in Paris?");

        var first = await client.CompleteStreamingAsync(new ChatCompletionRequest(question)).GetCompletionAsync();
        var answer = client.CompleteStreamingAsync(new ChatCompletionRequest(question, ChatMessage.Assistant(first.FirstChoice!.Message!),
            ChatMessage.Tool(first.FirstChoice.Message!.ToolCalls![0].Id!, ToolResult)));

        Assert.That((await answer.GetCompletionAsync()).Text, Is.EqualTo("It is 18 °C in Paris."));
        AssertSecondRequestCarriesTheFirstAnswer();
    }

    private void AssertSecondRequestCarriesTheFirstAnswer()
    {
        var recorded = JObject.Parse(Assets.Read("gemini-tool-call.completion.json"));
        var original = (JObject)recorded["choices"]![0]!["message"]!;
        var signature = (string)original["tool_calls"]![0]!["extra_content"]!["google"]!["thought_signature"]!;
        var second = Server.Requests[1];

        Assert.That(second.Body, Does.Contain("\"thought_signature\":\"" + signature + "\""), "the signature goes back byte for byte");
        var sentBack = (JObject)second.Json!["messages"]![1]!;
        Assert.That(JsonSemantics.Equal(sentBack, original), Is.True, "every field of the answer goes back:\n" + TextDiff.Unified(original.ToString(), sentBack.ToString()));
        Assert.That(second.Json["messages"]!.Select(m => (string?)m["role"]), Is.EqualTo(new List<string?> { "user", "assistant", "tool" }));
    }
}
