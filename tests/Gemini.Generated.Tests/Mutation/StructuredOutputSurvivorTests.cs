using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>
/// <see cref="ChatCompletion.GetContent{T}"/> on completions built in memory: which code fences are unwrapped, the exact
/// message for an empty, refused, cut-off or unreadable answer; and the schema <see cref="JsonSchemaResponseFormat.For{T}"/>
/// builds for abstract and dictionary types.
/// </summary>
public class StructuredOutputSurvivorTests
{
    public sealed class Count
    {
        [JsonRequired]
        public int Value { get; set; }
    }

    public abstract class Shape
    {
        public abstract string Name { get; set; }
    }

    [TestCase("```json\n{\"Value\":7}\n```")]
    [TestCase("```\n{\"Value\":7}\n```")]
    [TestCase("```{\"Value\":7}```")]
    [TestCase("  ```json\n{\"Value\":7}```  ")]
    public void AFencedAnswer_WithOrWithoutALanguageLine_IsReadFromInsideTheFence(string answer)
    {
        Assert.That(Completion(answer).GetContent<Count>().Value, Is.EqualTo(7));
    }

    [TestCase("``````")]
    [TestCase("```\n```")]
    [TestCase("```json\n```")]
    public void AnEmptyFence_IsAnEmptyAnswer(string answer)
    {
        var error = Assert.Throws<GeminiContentException>(() => Completion(answer).GetContent<Count>())!;

        Assert.That(error.Message, Is.EqualTo("The answer is empty where JSON for a Count was expected (finish_reason \"stop\")."));
    }

    [TestCase("`````", Description = "five backticks: too short to open and close a fence")]
    [TestCase("```json\n{\"Value\":7}", Description = "only an opening fence")]
    [TestCase("{\"Value\":7}\n```", Description = "only a closing fence")]
    [TestCase("{\"Value\":7}```", Description = "a closing fence on the same line")]
    public void AnAnswerNotWhollyInsideAFence_IsReadAsItIs_AndIsNotJson(string answer)
    {
        var completion = Completion(answer);

        var error = Assert.Throws<GeminiContentException>(() => completion.GetContent<Count>())!;

        Assert.That(error.InnerException, Is.InstanceOf<JsonException>());
        Assert.That(error.Message, Is.EqualTo(
            $"The answer ({answer.Trim().Length} characters) is not JSON that fits Count: {error.InnerException!.Message} The answer is in Completion.Text."));
    }

    [Test]
    public void AnAnswerCutOffByTheTokenLimit_SaysSoAfterTheParserMessage()
    {
        const string Answer = "{\"Value\":";
        var completion = Completion(Answer, finishReason: "length");

        var error = Assert.Throws<GeminiContentException>(() => completion.GetContent<Count>())!;

        Assert.That(error.Message, Is.EqualTo(
            $"The answer (9 characters) is not JSON that fits Count: {error.InnerException!.Message} " +
            "The token limit cut the answer off (finish_reason \"length\"), so the JSON is incomplete: raise MaxCompletionTokens. " +
            "The answer is in Completion.Text."));
    }

    [Test]
    public void AnEmptyAnswer_NamesTheTypeAndTheFinishReason()
    {
        var error = Assert.Throws<GeminiContentException>(() => Completion("  ", finishReason: "content_filter").GetContent<Count>())!;

        Assert.That(error.Message, Is.EqualTo("The answer is empty where JSON for a Count was expected (finish_reason \"content_filter\")."));
        Assert.That(error.TargetType, Is.EqualTo(typeof(Count)));
        Assert.That(error.InnerException, Is.Null);
    }

    [Test]
    public void AnEmptyAnswerCutOffByTheTokenLimit_SaysToRaiseTheLimit()
    {
        var error = Assert.Throws<GeminiContentException>(() => Completion(string.Empty, finishReason: "length").GetContent<Count>())!;

        Assert.That(error.Message, Is.EqualTo(
            "The answer is empty: the token limit cut it off before any Count was written (finish_reason \"length\"). Raise MaxCompletionTokens."));
    }

    [Test]
    public void AnEmptyRefusal_IsNotReportedAsARefusal()
    {
        var error = Assert.Throws<GeminiContentException>(() => Completion(string.Empty, refusal: string.Empty).GetContent<Count>())!;

        Assert.That(error.Message, Is.EqualTo("The answer is empty where JSON for a Count was expected (finish_reason \"stop\")."));
    }

    [Test]
    public void ARefusal_IsQuotedWordForWord()
    {
        var error = Assert.Throws<GeminiContentException>(() => Completion(string.Empty, refusal: "No.").GetContent<Count>())!;

        Assert.That(error.Message, Is.EqualTo("The model refused instead of answering with a Count: \"No.\"."));
    }

    [Test]
    public void AnAnswerNestedDeeperThan64Levels_IsRefused()
    {
        var deep = new string('[', 65) + new string(']', 65);

        var error = Assert.Throws<GeminiContentException>(() => Completion(deep).GetContent<JToken>())!;

        Assert.That(error.InnerException!.Message, Does.Contain("MaxDepth of 64"));
        Assert.That(Completion(new string('[', 64) + new string(']', 64)).GetContent<JToken>(), Is.Not.Null);
    }

    [Test]
    public void For_AnAbstractType_ListsItsAbstractProperties()
    {
        var schema = JObject.FromObject(JsonSchemaResponseFormat.For<Shape>().JsonSchema.Schema!);

        Assert.That(((JObject)schema["properties"]!).Properties().Select(p => p.Name), Is.EqualTo(new[] { "Name" }));
    }

    [Test]
    public void For_AGenericDictionaryInterface_IsAnObjectType()
    {
        var schema = JObject.FromObject(JsonSchemaResponseFormat.For<IDictionary<string, int>>().JsonSchema.Schema!);

        Assert.That(schema["type"]!.ToString(), Is.EqualTo("object"));
    }

    private static ChatCompletion Completion(string content, string finishReason = "stop", string? refusal = null)
    {
        var message = new JObject { ["role"] = "assistant", ["content"] = content };
        if (refusal is not null)
        {
            message["refusal"] = refusal;
        }

        var body = new JObject
        {
            ["id"] = "c1",
            ["object"] = "chat.completion",
            ["created"] = 1,
            ["model"] = "google/gemini-2.5-flash",
            ["choices"] = new JArray(new JObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finishReason }),
        };
        return JsonConvert.DeserializeObject<ChatCompletion>(body.ToString(), GeminiJson.Settings)!;
    }
}
