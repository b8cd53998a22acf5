using System.Linq;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Support;
using Newtonsoft.Json;

namespace Gemini.Generated.Tests.Client;

/// <summary>Typed access to the reasoning text and to the thought signatures of tool calls, wherever the service puts them.</summary>
public class ReasoningAndSignatureTests : FakeServerTestBase
{
    [TestCase("""{"role":"assistant","content":"4","reasoning_content":"2+2"}""", "2+2")]
    [TestCase("""{"role":"assistant","content":"4","reasoning":"2+2","reasoning_details":[{"type":"reasoning.text","text":"2+2","index":0}]}""", "2+2")]
    [TestCase("""{"role":"assistant","content":[{"type":"thinking","thinking":"2+2"},{"type":"text","text":"4"}]}""", "2+2")]
    [TestCase("""{"role":"assistant","content":"4"}""", null)]
    public void ReasoningText_ReadsWhereTheServiceSendsIt(string message, string? expected)
    {
        Assert.That(JsonConvert.DeserializeObject<ChatCompletionMessage>(message, GeminiJson.Settings)!.ReasoningText, Is.EqualTo(expected));
    }

    [Test]
    public void ThoughtSignature_ReadsExtraContentGoogle()
    {
        var call = JsonConvert.DeserializeObject<ChatToolCall>("""{"id":"c1","extra_content":{"google":{"thought_signature":"s"}}}""", GeminiJson.Settings)!;

        Assert.That(call.ThoughtSignature, Is.EqualTo("s"));
        Assert.That(new ChatToolCall().ThoughtSignature, Is.Null);
    }

    [Test]
    public void IsThought_ReadsGeminisThoughtMarker()
    {
        var thought = JsonConvert.DeserializeObject<ChatMessageDelta>("""{"content":"**Planning**","extra_content":{"google":{"thought":true}}}""", GeminiJson.Settings)!;
        var answer = JsonConvert.DeserializeObject<ChatMessageDelta>("""{"content":"Paris."}""", GeminiJson.Settings)!;

        Assert.That(thought.IsThought, Is.True);
        Assert.That(answer.IsThought, Is.False);
    }

    [Test]
    public async Task Complete_ARealisticGeminiToolCall_GivesItsReasoningAndThoughtSignature()
    {
        Server.Enqueue(FakeReply.Raw(200, Assets.Read("gemini-tool-call.completion.json")));

        var completion = await CreateClient().CompleteAsync("What is the weather in Paris?");

        Assert.That(completion.ReasoningText, Is.EqualTo("The user wants the current weather in Paris, so I call get_weather with the city."));
        Assert.That(completion.FirstChoice!.Message!.ToolCalls!.Single().ThoughtSignature, Does.StartWith("CiQBcsjafDN8").And.EndWith("U6w="));
    }
}
