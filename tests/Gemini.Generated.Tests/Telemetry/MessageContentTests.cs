using System;
using System.Collections.Generic;
using Newtonsoft.Json;

namespace Gemini.Generated.Tests.Telemetry;

/// <summary>
/// The captured <c>gen_ai.input.messages</c> and <c>gen_ai.output.messages</c> for every kind of message and part, by the
/// OpenTelemetry GenAI conventions' schema. <see cref="TelemetryTests"/> shows they reach the span only when opted in.
/// </summary>
public class MessageContentTests
{
    private static readonly Redactor NoKey = new(null);

    [Test]
    public void Input_EveryRole_IsRecordedWithItsParts()
    {
        var messages = new ChatMessage[]
        {
            ChatMessage.Developer("Rules."),
            ChatMessage.Assistant("Earlier answer."),
            ChatMessage.Tool("call_1", "22C"),
        };

        Assert.That(MessageContent.Input(messages, NoKey), Is.EqualTo(
            """[{"role":"developer","parts":[{"type":"text","content":"Rules."}]},""" +
            """{"role":"assistant","parts":[{"type":"text","content":"Earlier answer."}]},""" +
            """{"role":"tool","parts":[{"type":"tool_call_response","id":"call_1","response":"22C"}]}]"""));
    }

    [Test]
    public void Input_ContentParts_AreTextUriBlobRefusalOrTheirOwnType()
    {
        var user = ChatMessage.User(
            ChatContentPart.Text("Look:"),
            ChatContentPart.Image(new Uri("https://example.com/cat.png")),
            ChatContentPart.Image(new byte[] { 1, 2, 3 }, "image/png"),
            ChatContentPart.Image(new Uri("DATA:image/gif;BASE64,R0lG")),
            ChatContentPart.Image(new Uri("data:image/svg+xml,<svg/>")),
            new RefusalContentPart { Refusal = "No." },
            new OtherContentPart("input_audio"));

        Assert.That(MessageContent.Input(new[] { user }, NoKey), Is.EqualTo(
            """[{"role":"user","parts":[{"type":"text","content":"Look:"},""" +
            """{"type":"uri","modality":"image","uri":"https://example.com/cat.png"},""" +
            """{"type":"blob","modality":"image","mime_type":"image/png","content":"AQID"},""" +
            """{"type":"blob","modality":"image","mime_type":"image/gif","content":"R0lG"},""" +
            """{"type":"uri","modality":"image","uri":"data:image/svg+xml,<svg/>"},""" +
            """{"type":"refusal","content":"No."},""" +
            """{"type":"input_audio"}]}]"""));
    }

    [Test]
    public void Input_AnAssistantsPartsRefusalAndToolCalls_AreAllRecordedInThatOrder()
    {
        var assistant = new AssistantMessage
        {
            Content = new ChatMessageContent(ChatContentPart.Text("Checking.")),
            Refusal = "Not that.",
            ToolCalls = new List<ChatToolCall>
            {
                Call("call_1", """{"city":"Paris"}"""),
                Call("call_2", "not json"),
                Call("call_3", """{"a":1} {"b":2}"""),
                Call("call_4", null),
            },
        };

        Assert.That(MessageContent.Input(new[] { assistant }, NoKey), Is.EqualTo(
            """[{"role":"assistant","parts":[{"type":"text","content":"Checking."},{"type":"refusal","content":"Not that."},""" +
            """{"type":"tool_call","id":"call_1","name":"get_weather","arguments":{"city":"Paris"}},""" +
            """{"type":"tool_call","id":"call_2","name":"get_weather","arguments":"not json"},""" +
            """{"type":"tool_call","id":"call_3","name":"get_weather","arguments":"{\"a\":1} {\"b\":2}"},""" +
            """{"type":"tool_call","id":"call_4","name":"get_weather","arguments":null}]}]"""),
            "arguments that are one JSON value are recorded as JSON; anything else as the text sent");
    }

    [Test]
    public void Input_AnAssistantMessageWithNoContent_HasNoParts()
    {
        Assert.That(MessageContent.Input(new[] { new AssistantMessage() }, NoKey), Is.EqualTo("""[{"role":"assistant","parts":[]}]"""));
    }

    [Test]
    public void Output_EachChoice_IsAMessageWithItsFinishReason()
    {
        var completion = JsonConvert.DeserializeObject<ChatCompletion>(
            """
            {"id":"c1","object":"chat.completion","created":1,"model":"google/gemini-2.5-flash","choices":[
              {"index":0,"message":{"role":"assistant","content":"Paris.","refusal":"Partly."},"finish_reason":"stop"},
              {"index":1,"message":null,"finish_reason":null}]}
            """, GeminiJson.Settings)!;

        Assert.That(MessageContent.Output(completion, NoKey), Is.EqualTo(
            """[{"role":"assistant","parts":[{"type":"text","content":"Paris."},{"type":"refusal","content":"Partly."}],"finish_reason":"stop"},""" +
            """{"role":"assistant","parts":[],"finish_reason":""}]"""));
    }

    [Test]
    public void InputAndOutput_RedactTheKeyFromEveryPart()
    {
        const string key = "sk-0123456789abcdef";
        var redactor = new Redactor(key);
        var assistant = new AssistantMessage { ToolCalls = new List<ChatToolCall> { Call("call_1", $$"""{"token":"{{key}}"}""") } };

        var input = MessageContent.Input(new ChatMessage[] { ChatMessage.User("key " + key), assistant }, redactor);

        Assert.That(input, Does.Not.Contain(key));
        Assert.That(input, Does.Contain("key [REDACTED]").And.Contain("""{"token":"[REDACTED]"}"""));
    }

    private static ChatToolCall Call(string id, string? arguments) =>
        new() { Id = id, Type = "function", Function = new FunctionCall { Name = "get_weather", Arguments = arguments! } };
}
