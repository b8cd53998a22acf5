using System.Linq;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Streaming;
using Gemini.Generated.Tests.Support;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated.Tests.Client;

/// <summary>Content given as a list of parts, in a completion or a delta, is read: the text joined, other parts kept.</summary>
public class ContentPartsTests : FakeServerTestBase
{
    [Test]
    public async Task Complete_WhenContentIsAListOfParts_ReadsTheText()
    {
        Server.Enqueue(FakeReply.Raw(200, """{"id":"c1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":[{"type":"text","text":"4"}]},"finish_reason":"stop"}]}"""));

        var completion = await CreateClient().CompleteAsync("2+2?");

        Assert.That(completion.Text, Is.EqualTo("4"));
        Assert.That(completion.FirstChoice!.Message!.ContentParts, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Stream_WhenADeltaGivesContentAsAListOfParts_ReadsTheText()
    {
        var result = await StreamingKit.StreamAsync(
            Sse.Data("""{"id":"c1","choices":[{"index":0,"delta":{"role":"assistant","content":[{"type":"text","text":"4"}]},"finish_reason":"stop"}]}"""),
            Sse.Done);

        Assert.That(result.Chunks.Single().Text, Is.EqualTo("4"));
        Assert.That(result.Completion.Text, Is.EqualTo("4"));
        Assert.That(JsonConvert.SerializeObject(result.Completion.FirstChoice!.Message, GeminiJson.Settings),
            Is.EqualTo("""{"role":"assistant","content":[{"type":"text","text":"4"}]}"""));
    }

    [Test]
    public async Task Complete_WithThinkingAndTextParts_JoinsTheTextAndKeepsTheThinkingPart()
    {
        Server.Enqueue(FakeReply.Raw(200, Assets.Read("gemini-content-parts.completion.json")));

        var completion = await CreateClient().CompleteAsync("Is 1013 prime?");

        var message = completion.FirstChoice!.Message!;
        Assert.That(completion.Text, Is.EqualTo("Yes. 1013 is prime: it has no divisor between 2 and 31, and 32² is already 1024."));
        var thinking = message.ContentParts!.OfType<OtherContentPart>().Single();
        Assert.That(thinking.Type, Is.EqualTo("thinking"));
        Assert.That(thinking.AdditionalProperties["signature"], Is.EqualTo("EqQBCkgIBxABGAIiQM3v9sHq"));
        Assert.That(completion.ReasoningText, Does.StartWith("I need to check divisibility of 1013"));
        Assert.That(JsonSemantics.Equal(JObject.FromObject(message, JsonSerializer.Create(GeminiJson.Settings)),
            JObject.Parse(Assets.Read("gemini-content-parts.completion.json"))["choices"]![0]!["message"]), Is.True, "the parts are serialized as they came");
    }

    [Test]
    public async Task Stream_WithThinkingAndTextParts_MergesThemAsTheNonStreamedMessageHasThem()
    {
        Server.Enqueue(FakeReply.Raw(200, Assets.Read("gemini-content-parts.stream.txt"), "text/event-stream"));
        Server.Enqueue(FakeReply.Raw(200, Assets.Read("gemini-content-parts.completion.json")));
        var client = CreateClient();

        var stream = client.CompleteStreamingAsync("Is 1013 prime?");
        var chunks = await stream.ReadAllAsync();
        var plain = await client.CompleteAsync("Is 1013 prime?");

        Assert.That(string.Concat(chunks.Select(c => c.Text)), Is.EqualTo(plain.Text));
        Assert.That(string.Concat(chunks.Select(c => c.ReasoningText)), Is.EqualTo(plain.ReasoningText));
        var settings = JsonSerializer.Create(GeminiJson.Settings);
        Assert.That(JsonSemantics.Equal(JObject.FromObject(stream.Completion!, settings), JObject.FromObject(plain, settings)), Is.True,
            TextDiff.Unified(JObject.FromObject(plain, settings).ToString(), JObject.FromObject(stream.Completion!, settings).ToString()));
    }

    [Test]
    public void Read_AnUnknownPartType_IsKeptAndWrittenBackAsItCame()
    {
        const string Json = """[{"type":"text","text":"a"},{"type":"executable_code","language":"PYTHON","code":"print(1)"}]""";

        var content = JsonConvert.DeserializeObject<ChatMessageContent>(Json, GeminiJson.Settings)!;

        var code = (OtherContentPart)content.Parts[1];
        Assert.That(code.Type, Is.EqualTo("executable_code"));
        Assert.That(code.AdditionalProperties["code"], Is.EqualTo("print(1)"));
        Assert.That(JsonConvert.SerializeObject(content, GeminiJson.Settings), Is.EqualTo(Json));
    }

    [Test]
    public void Read_APartWithoutType_IsStillAnError()
    {
        Assert.That(() => JsonConvert.DeserializeObject<ChatMessageContent>("""[{"text":"a"}]""", GeminiJson.Settings),
            Throws.InstanceOf<JsonSerializationException>().With.Message.Contains("'type' is missing"));
    }
}
