using System;
using System.Collections.Generic;
using Gemini.Generated.Tests.Support;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated.Tests.Generation;

/// <summary>Each union form serializes to exactly the JSON the API expects, and reads back to the same JSON.</summary>
public class UnionSerializationTests
{
    private static string Serialize<T>(T value) => JsonConvert.SerializeObject(value, GeminiJson.Settings);

    private static void AssertJson<T>(T value, string expected)
    {
        var actual = Serialize(value);
        Assert.That(JsonSemantics.Equal(JToken.Parse(actual), JToken.Parse(expected)), Is.True, $"expected {expected}\nactual   {actual}");
        var back = JsonConvert.DeserializeObject<T>(actual, GeminiJson.Settings);
        Assert.That(Serialize(back), Is.EqualTo(actual), "round trip");
    }

    private static IEnumerable<TestCaseData> Messages()
    {
        yield return new TestCaseData(ChatMessage.System("Be brief."), """{"role":"system","content":"Be brief."}""").SetName("Message_System");
        yield return new TestCaseData(ChatMessage.Developer("Answer in French."), """{"role":"developer","content":"Answer in French."}""").SetName("Message_Developer");
        yield return new TestCaseData(ChatMessage.User("Hi"), """{"role":"user","content":"Hi"}""").SetName("Message_UserText");
        yield return new TestCaseData(
            ChatMessage.User(ChatContentPart.Text("What is this?"), ChatContentPart.Image(new Uri("https://example.com/cat.png"), ImageDetail.Low)),
            """{"role":"user","content":[{"type":"text","text":"What is this?"},{"type":"image_url","image_url":{"url":"https://example.com/cat.png","detail":"low"}}]}""")
            .SetName("Message_UserParts");
        yield return new TestCaseData(
            ChatMessage.User(ChatContentPart.Image(new byte[] { 1, 2, 3 }, "image/png")),
            """{"role":"user","content":[{"type":"image_url","image_url":{"url":"data:image/png;base64,AQID"}}]}""")
            .SetName("Message_UserImageBytes");
        yield return new TestCaseData(ChatMessage.Assistant("Sure."), """{"role":"assistant","content":"Sure."}""").SetName("Message_AssistantText");
        yield return new TestCaseData(
            ChatMessage.Assistant(new[] { new ChatToolCall { Id = "call_1", Function = new FunctionCall { Name = "weather", Arguments = """{"city":"Paris"}""" } } }),
            """{"role":"assistant","tool_calls":[{"id":"call_1","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Paris\"}"}}]}""")
            .SetName("Message_AssistantToolCalls");
        yield return new TestCaseData(
            new AssistantMessage { Content = new ChatMessageContent(ChatContentPart.Text("Part one. "), new RefusalContentPart { Refusal = "No." }) },
            """{"role":"assistant","content":[{"type":"text","text":"Part one. "},{"type":"refusal","refusal":"No."}]}""")
            .SetName("Message_AssistantParts");
        yield return new TestCaseData(ChatMessage.Tool("call_1", "18 C"), """{"role":"tool","content":"18 C","tool_call_id":"call_1"}""").SetName("Message_Tool");
    }

    [TestCaseSource(nameof(Messages))]
    public void Message_SerializesAsTheApiExpects(ChatMessage message, string expected) => AssertJson(message, expected);

    [Test]
    public void Messages_ReadBackAsTheirRoleSubtypes()
    {
        var messages = JsonConvert.DeserializeObject<List<ChatMessage>>(
            """[{"role":"system","content":"a"},{"role":"developer","content":"b"},{"role":"user","content":[{"type":"text","text":"c"}]},{"role":"assistant","content":null},{"role":"tool","content":"d","tool_call_id":"x"}]""",
            GeminiJson.Settings)!;

        Assert.That(messages[0], Is.TypeOf<SystemMessage>());
        Assert.That(messages[1], Is.TypeOf<DeveloperMessage>());
        Assert.That(((UserMessage)messages[2]).Content.Parts[0], Is.TypeOf<TextContentPart>());
        Assert.That(messages[3], Is.TypeOf<AssistantMessage>());
        Assert.That(((ToolMessage)messages[4]).ToolCallId, Is.EqualTo("x"));
        Assert.That(messages[2].Role, Is.EqualTo(ChatRole.User));
    }

    [Test]
    public void Message_WithAnUnknownRole_FailsNamingTheAllowedRoles()
    {
        var error = Assert.Throws<JsonSerializationException>(() => JsonConvert.DeserializeObject<ChatMessage>("""{"role":"critic","content":"x"}""", GeminiJson.Settings))!;

        Assert.That(error.Message, Does.Contain("'critic'").And.Contain("user").And.Contain("developer"));
    }

    [Test]
    public void Content_IsAStringOrAnArray()
    {
        AssertJson(new ChatMessageContent("plain"), "\"plain\"");
        AssertJson(new ChatMessageContent(ChatContentPart.Text("a"), ChatContentPart.Text("b")), """[{"type":"text","text":"a"},{"type":"text","text":"b"}]""");
        Assert.That(new ChatMessageContent("plain").IsText, Is.True);
        Assert.That(JsonConvert.DeserializeObject<ChatMessageContent>("[]", GeminiJson.Settings)!.IsText, Is.False);
    }

    [Test]
    public void Stop_IsAStringOrAList()
    {
        AssertJson(new ChatCompletionRequest { Stop = "END" }, """{"stop":"END","messages":[]}""");
        AssertJson(new ChatCompletionRequest { Stop = new[] { "END", "STOP" } }, """{"stop":["END","STOP"],"messages":[]}""");
        Assert.That(JsonConvert.DeserializeObject<StopSequences>("\"x\"", GeminiJson.Settings)!.IsSingle, Is.True);
        Assert.That(JsonConvert.DeserializeObject<StopSequences>("[\"x\"]", GeminiJson.Settings)!.IsSingle, Is.False);
    }

    private static IEnumerable<TestCaseData> ToolChoices()
    {
        yield return new TestCaseData(ToolChoice.None, "\"none\"").SetName("ToolChoice_None");
        yield return new TestCaseData(ToolChoice.Auto, "\"auto\"").SetName("ToolChoice_Auto");
        yield return new TestCaseData(ToolChoice.Required, "\"required\"").SetName("ToolChoice_Required");
        yield return new TestCaseData(ToolChoice.Function("weather"), """{"type":"function","function":{"name":"weather"}}""").SetName("ToolChoice_Function");
    }

    [TestCaseSource(nameof(ToolChoices))]
    public void ToolChoice_IsAModeOrANamedFunction(ToolChoice choice, string expected) => AssertJson(choice, expected);

    [Test]
    public void ToolChoice_OfAnUnknownShape_IsKeptAsSent()
    {
        const string Json = """{"type":"allowed_tools","allowed_tools":{"mode":"auto","tools":[]}}""";

        var choice = JsonConvert.DeserializeObject<ToolChoice>(Json, GeminiJson.Settings)!;

        Assert.That(choice.Other, Is.Not.Null);
        Assert.That(JToken.DeepEquals(JToken.Parse(Serialize(choice)), JToken.Parse(Json)), Is.True);
    }

    private static IEnumerable<TestCaseData> ResponseFormats()
    {
        yield return new TestCaseData(new TextResponseFormat(), """{"type":"text"}""").SetName("ResponseFormat_Text");
        yield return new TestCaseData(new JsonObjectResponseFormat(), """{"type":"json_object"}""").SetName("ResponseFormat_JsonObject");
        yield return new TestCaseData(
            new JsonSchemaResponseFormat
            {
                JsonSchema = new JsonSchemaDefinition
                {
                    Name = "city",
                    Strict = true,
                    Schema = new Dictionary<string, object?> { ["type"] = "object", ["properties"] = new Dictionary<string, object?> { ["name"] = new Dictionary<string, object?> { ["type"] = "string" } } },
                },
            },
            """{"type":"json_schema","json_schema":{"name":"city","schema":{"type":"object","properties":{"name":{"type":"string"}}},"strict":true}}""")
            .SetName("ResponseFormat_JsonSchema");
    }

    [TestCaseSource(nameof(ResponseFormats))]
    public void ResponseFormat_IsTaggedByType(ResponseFormat format, string expected) => AssertJson(format, expected);

    [Test]
    public void Request_SendsOnlyWhatWasSet_WithConstantTypesFilledIn()
    {
        var request = new ChatCompletionRequest(ChatMessage.User("Hi"))
        {
            Tools = new[] { new ChatTool { Function = new FunctionDefinition { Name = "weather", Parameters = new Dictionary<string, object?> { ["type"] = "object" } } } },
            Prediction = new ChatPrediction { Content = "draft" },
        };

        AssertJson(request, """
            {"messages":[{"role":"user","content":"Hi"}],
             "prediction":{"type":"content","content":"draft"},
             "tools":[{"type":"function","function":{"name":"weather","parameters":{"type":"object"}}}]}
            """);
    }

    [Test]
    public void Provider_WhenTheSpecHasIt_IsSentAsSet()
    {
        var provider = SpecElements.Property<ChatCompletionRequest>("request: provider", "Provider");
        var request = new ChatCompletionRequest();

        provider.SetValue(request, "google");

        Assert.That(Serialize(request), Is.EqualTo("""{"messages":[],"provider":"google"}"""));
    }
}
