using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Reliability;
using Gemini.Generated.Tests.Support;
using Newtonsoft.Json;

namespace Gemini.Generated.Tests.Client;

/// <summary>
/// The builders and the client refuse what they cannot send, naming the parameter, before any network call; and the
/// hand-written JSON converters read null and refuse a token of the wrong kind.
/// </summary>
public class BuilderChecksTests : FakeServerTestBase
{
    [Test]
    public void CompleteAsync_ARequestThatAsksToStream_IsRefusedNamingStreamAndTheMethodToCall()
    {
        var request = Harness.Hello();
        request.Stream = true;

        var error = Assert.ThrowsAsync<ArgumentException>(() => CreateClient().CompleteAsync(request))!;

        Assert.That(error.ParamName, Is.EqualTo("stream"));
        Assert.That(error.Message, Does.Contain("CompleteStreamingAsync"));
        Assert.That(Server.Requests, Is.Empty);
        Assert.That(request.Stream, Is.True, "the request is not changed");
    }

    [Test]
    public async Task StreamFlag_IsAllowedWhereItFits()
    {
        Server.Enqueue(FakeReply.Completion("Plain."));
        Server.Enqueue(FakeReply.Completion("Streamed."));
        var client = CreateClient();
        var plain = Harness.Hello();
        plain.Stream = false;
        var streamed = Harness.Hello();
        streamed.Stream = true;

        Assert.That((await client.CompleteAsync(plain)).Text, Is.EqualTo("Plain."));
        Assert.That((await client.CompleteStreamingAsync(streamed).GetCompletionAsync()).Text, Is.EqualTo("Streamed."));
    }

    [Test]
    public void CompleteAndStream_WithoutARequest_NameTheParameter()
    {
        var client = CreateClient();

        Assert.That(Assert.ThrowsAsync<ArgumentNullException>(() => client.CompleteAsync((ChatCompletionRequest)null!))!.ParamName, Is.EqualTo("request"));
        Assert.That(Assert.Throws<ArgumentNullException>(() => client.CompleteStreamingAsync((ChatCompletionRequest)null!))!.ParamName, Is.EqualTo("request"));
        Assert.That(Server.Requests, Is.Empty);
    }

    [Test]
    public void CompleteAsync_WithATruncationBehaviorThatIsNotDefined_IsRefusedNamingIt()
    {
        var options = new ChatRequestOptions { TruncationBehavior = (TruncationBehavior)42 };

        var error = Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => CreateClient().CompleteAsync(Harness.Hello(), options))!;

        Assert.That(error.ParamName, Is.EqualTo(nameof(ChatRequestOptions.TruncationBehavior)));
        Assert.That(error.ActualValue, Is.EqualTo((TruncationBehavior)42));
        Assert.That(Server.Requests, Is.Empty);
    }

    [Test]
    public void GeminiClient_FromAKey_UsesTheDefaultsAndWithoutOptions_NamesThem()
    {
        var client = new GeminiClient("sk-test-0123456789");

        Assert.That(client.DefaultModel, Is.EqualTo("google/gemini-2.5-flash"));
        Assert.That(client.BaseUrl, Is.EqualTo(new GeminiClientOptions().BaseUrl));
        Assert.That(Assert.Throws<ArgumentNullException>(() => new GeminiClient((GeminiClientOptions)null!))!.ParamName, Is.EqualTo("options"));
    }

    [Test]
    public void Image_FromNothingOrNoBytes_NamesTheParameter()
    {
        Assert.That(Assert.Throws<ArgumentNullException>(() => ChatContentPart.Image((Uri)null!))!.ParamName, Is.EqualTo("url"));
        Assert.That(Assert.Throws<ArgumentNullException>(() => ChatContentPart.Image((byte[])null!, "image/png"))!.ParamName, Is.EqualTo("bytes"));
        var empty = Assert.Throws<ArgumentException>(() => ChatContentPart.Image(Array.Empty<byte>(), "image/png"))!;
        Assert.That(empty.ParamName, Is.EqualTo("bytes"));
        Assert.That(empty.Message, Does.Contain("empty"));
    }

    [Test]
    public void SchemaFormat_ForNoType_NamesTheParameter()
    {
        Assert.That(Assert.Throws<ArgumentNullException>(() => JsonSchemaResponseFormat.For(null!))!.ParamName, Is.EqualTo("type"));
    }

    [Test]
    public void Messages_WithoutWhatTheyNeed_NameTheParameter()
    {
        Assert.That(Assert.Throws<ArgumentNullException>(() => ChatMessage.Assistant((ChatCompletionMessage)null!))!.ParamName, Is.EqualTo("message"));
        foreach (var id in new[] { null, string.Empty })
        {
            var error = Assert.Throws<ArgumentException>(() => ChatMessage.Tool(id!, "22C"))!;
            Assert.That(error.ParamName, Is.EqualTo("toolCallId"));
            Assert.That(error.Message, Does.Contain("tool_call_id"));
        }

        Assert.That(Assert.Throws<ArgumentNullException>(() => new ChatMessageContent((IEnumerable<ChatContentPart>)null!))!.ParamName, Is.EqualTo("parts"));
        var nullPart = Assert.Throws<ArgumentNullException>(() => new ChatMessageContent(ChatContentPart.Text("a"), null!))!;
        Assert.That(nullPart.ParamName, Is.EqualTo("parts"));
        Assert.That(nullPart.Message, Does.Contain("A content part is null."));
    }

    [Test]
    public void ContentParts_WithoutAMediaTypeOrAType_AreRefusedNamingWhatIsAllowed()
    {
        var media = Assert.Throws<ArgumentException>(() => ChatContentPart.Image(new byte[] { 1 }, "text/plain"))!;
        Assert.That(media.ParamName, Is.EqualTo("mediaType"));
        Assert.That(media.Message, Does.StartWith("mediaType \"text/plain\" is not an image media type; allowed: image/png, image/jpeg, image/gif, image/webp."));
        foreach (var type in new[] { null, string.Empty })
        {
            var part = Assert.Throws<ArgumentException>(() => new OtherContentPart(type!))!;
            Assert.That(part.ParamName, Is.EqualTo("type"));
            Assert.That(part.Message, Does.StartWith("A content part needs a type."));
        }
    }

    [Test]
    public void AnAssistantMessageFromACompletion_CarriesNoSecondRole()
    {
        var message = JsonConvert.DeserializeObject<ChatCompletionMessage>("""{"role":"assistant","content":"Hi","reasoning_content":"r"}""", GeminiJson.Settings)!;

        var assistant = ChatMessage.Assistant(message);

        Assert.That(assistant.AdditionalProperties.Keys, Is.EquivalentTo(new[] { "reasoning_content" }));
        Assert.That(JsonConvert.SerializeObject(assistant, GeminiJson.Settings), Is.EqualTo("""{"role":"assistant","content":"Hi","reasoning_content":"r"}"""));
    }

    [Test]
    public void Messages_OfEachRole_SayTheirRole()
    {
        Assert.That(ChatMessage.Developer("d").Role, Is.EqualTo(ChatRole.Developer));
        Assert.That(ChatMessage.Assistant("a").Role, Is.EqualTo(ChatRole.Assistant));
        Assert.That(ChatMessage.Tool("call_1", "t").Role, Is.EqualTo(ChatRole.Tool));
        Assert.That(ChatMessage.Developer("d").Role.ToString(), Is.EqualTo("developer"));
    }

    [Test]
    public void ToolChoice_WithoutANameOrMode_NamesTheParameter()
    {
        foreach (var empty in new[] { null, string.Empty })
        {
            Assert.That(Assert.Throws<ArgumentException>(() => ToolChoice.Function(empty!))!.ParamName, Is.EqualTo("name"));
            var mode = Assert.Throws<ArgumentException>(() => ToolChoice.FromMode(empty!))!;
            Assert.That(mode.ParamName, Is.EqualTo("mode"));
            Assert.That(mode.Message, Does.Contain("none, auto or required"));
        }
    }

    [Test]
    public void ToolChoice_AsText_IsItsModeFunctionOrRawJson()
    {
        Assert.That(ToolChoice.FromMode("auto").ToString(), Is.EqualTo("auto"));
        Assert.That(ToolChoice.Function("get_weather").ToString(), Is.EqualTo("function:get_weather"));
        var other = JsonConvert.DeserializeObject<ToolChoice>("""{"type":"allowed_tools","mode":"auto"}""", GeminiJson.Settings)!;
        Assert.That(other.ToString(), Is.EqualTo("""{"type":"allowed_tools","mode":"auto"}"""));
    }

    [TestCase("""{"type":"function","function":{"name":"f"}}""", "function:f")]
    [TestCase("""{"type":"function","function":{"name":"f","strict":true}}""", """{"type":"function","function":{"name":"f","strict":true}}""")]
    [TestCase("""{"type":"function","function":{"name":1}}""", """{"type":"function","function":{"name":1}}""")]
    [TestCase("""{"type":"tool","function":{"name":"f"}}""", """{"type":"tool","function":{"name":"f"}}""")]
    [TestCase("""{"type":"function","function":{"name":"f"},"x":1}""", """{"type":"function","function":{"name":"f"},"x":1}""")]
    [TestCase("""{"type":"function","name":"f"}""", """{"type":"function","name":"f"}""")]
    public void ToolChoice_AnObject_IsAFunctionOnlyInItsExactShapeAndOtherwiseKeptAsSent(string json, string text)
    {
        var choice = JsonConvert.DeserializeObject<ToolChoice>(json, GeminiJson.Settings)!;

        Assert.That(choice.ToString(), Is.EqualTo(text));
        Assert.That(JsonConvert.SerializeObject(new { tool_choice = choice, after = 1 }, GeminiJson.Settings), Is.EqualTo($$"""{"tool_choice":{{json}},"after":1}"""));
    }

    [Test]
    public void ContentWithARefusalPart_AsText_IncludesTheRefusal()
    {
        var content = new ChatMessageContent(ChatContentPart.Text("Sure: "), new RefusalContentPart { Refusal = "no." }, ChatContentPart.Image(new Uri("https://example.com/a.png")));

        Assert.That(content.ToString(), Is.EqualTo("Sure: no.[image]"));
    }

    [TestCase(typeof(ToolChoice), "tool_choice must be a string or an object, found Integer.")]
    [TestCase(typeof(StopSequences), "stop must be a string or an array of strings, found Integer.")]
    [TestCase(typeof(ChatMessageContent), "Message content must be a string or an array of parts, found Integer.")]
    public void Converters_ReadNullAsNull_AndRefuseAnotherToken(Type type, string refusal)
    {
        Assert.That(JsonConvert.DeserializeObject("null", type, GeminiJson.Settings), Is.Null);
        Assert.That(() => JsonConvert.DeserializeObject("42", type, GeminiJson.Settings), Throws.TypeOf<JsonSerializationException>().With.Message.EqualTo(refusal));
    }
}
