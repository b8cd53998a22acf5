using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Client;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated.Tests.StructuredOutput;

/// <summary>Schemas from C# types, answers read back as typed values, and schemas given as System.Text.Json values.</summary>
public class StructuredOutputTests : FakeServerTestBase
{
    public sealed class CityReport
    {
        [JsonProperty("city_name")]
        public string Name { get; set; } = string.Empty;

        [JsonRequired]
        public int Population { get; set; }

        public string? Nickname { get; set; }

        [JsonIgnore]
        public string Internal { get; set; } = string.Empty;
    }

    public sealed class Az09zZ9a_A
    {
        public string Value { get; set; } = string.Empty;
    }

    public sealed class Name64CharactersLongAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
    {
        public string Value { get; set; } = string.Empty;
    }

    public sealed class Name65CharactersLongAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
    {
        public string Value { get; set; } = string.Empty;
    }

    public abstract class BaseReport
    {
        public abstract string Title { get; set; }
    }

    public sealed class DerivedReport : BaseReport
    {
        public override string Title { get; set; } = string.Empty;

        public int Score { get; set; }
    }

    public sealed class Box<T>
    {
        public T Value { get; set; } = default!;
    }

    [Test]
    public void For_BuildsTheSchemaByNewtonsoftAttributes()
    {
        var format = JsonSchemaResponseFormat.For<CityReport>(description: "A city", strict: true);

        var schema = JObject.FromObject(format.JsonSchema.Schema!);
        var properties = (JObject)schema["properties"]!;
        Assert.That(format.JsonSchema.Name, Is.EqualTo("CityReport"));
        Assert.That(format.JsonSchema.Description, Is.EqualTo("A city"));
        Assert.That(format.JsonSchema.Strict, Is.True);
        Assert.That(schema["type"]!.ToString(), Is.EqualTo("object"));
        Assert.That(properties.Properties().Select(p => p.Name), Is.EquivalentTo(new[] { "city_name", "Population", "Nickname" }));
        Assert.That(schema["required"]!.Values<string>(), Does.Contain("Population"));
        Assert.That(schema.ContainsKey("$schema"), Is.False);
    }

    [Test]
    public void For_NamesAGenericTypeWithCharactersTheApiAccepts()
    {
        Assert.That(JsonSchemaResponseFormat.For<Box<int>>().JsonSchema.Name, Is.EqualTo("Box_1"));
    }

    [Test]
    public void For_KeepsEveryCharacterTheApiAcceptsAndTheNameTheCallerGives()
    {
        Assert.That(JsonSchemaResponseFormat.For<Az09zZ9a_A>().JsonSchema.Name, Is.EqualTo("Az09zZ9a_A"));
        Assert.That(JsonSchemaResponseFormat.For<Az09zZ9a_A>("my-answer").JsonSchema.Name, Is.EqualTo("my-answer"));
    }

    [Test]
    public void For_CutsATypeNameToThe64CharactersTheApiAccepts()
    {
        Assert.That(JsonSchemaResponseFormat.For<Name64CharactersLongAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa>().JsonSchema.Name,
            Is.EqualTo("Name64CharactersLongAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
        Assert.That(JsonSchemaResponseFormat.For<Name65CharactersLongAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa>().JsonSchema.Name,
            Is.EqualTo("Name65CharactersLongAaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
    }

    [Test]
    public void For_ADerivedOrAbstractType_ListsEveryPropertyInOneFlatSchema()
    {
        var schema = JObject.FromObject(JsonSchemaResponseFormat.For<DerivedReport>().JsonSchema.Schema!);

        Assert.That(((JObject)schema["properties"]!).Properties().Select(p => p.Name), Is.EquivalentTo(new[] { "Title", "Score" }));
        Assert.That(schema.ContainsKey("allOf"), Is.False, "the inheritance hierarchy is flattened");
        Assert.That(schema.ContainsKey("definitions"), Is.False);
    }

    [TestCase(typeof(int))]
    [TestCase(typeof(string))]
    [TestCase(typeof(List<CityReport>))]
    public void For_WhenTheTypeIsNotAnObject_ThrowsArgumentExceptionNamingIt(System.Type type)
    {
        var error = Assert.Throws<System.ArgumentException>(() => JsonSchemaResponseFormat.For(type))!;

        Assert.That(error.ParamName, Is.EqualTo("type"));
        Assert.That(error.Message, Does.Contain("not an object type"));
    }

    [Test]
    public async Task GetContent_ReadsTheAnswerAsTheTypeTheSchemaWasBuiltFrom()
    {
        Server.Enqueue(FakeReply.Completion("""{"city_name":"Paris","Population":2100000,"Nickname":"City of Light"}"""));
        var request = new ChatCompletionRequest(ChatMessage.User("Describe Paris.")) { ResponseFormat = JsonSchemaResponseFormat.For<CityReport>() };

        var completion = await CreateClient().CompleteAsync(request);
        var report = completion.GetContent<CityReport>();

        Assert.That(report.Name, Is.EqualTo("Paris"));
        Assert.That(report.Population, Is.EqualTo(2100000));
        var sent = SingleRequest().Json!["response_format"]!;
        Assert.That(sent["type"]!.ToString(), Is.EqualTo("json_schema"));
        Assert.That(sent["json_schema"]!["name"]!.ToString(), Is.EqualTo("CityReport"));
        Assert.That(sent["json_schema"]!["schema"]!["properties"]!["city_name"]!["type"]!.ToString(), Is.EqualTo("string"));
    }

    [Test]
    public async Task GetContent_WhenTheAnswerIsInACodeFence_ReadsTheJsonInside()
    {
        Server.Enqueue(FakeReply.Completion("```json\n{\"city_name\":\"Oslo\",\"Population\":700000}\n```"));

        var completion = await CreateClient().CompleteAsync("Describe Oslo.");

        Assert.That(completion.GetContent<CityReport>().Name, Is.EqualTo("Oslo"));
    }

    [Test]
    public async Task GetContent_WhenTheJsonDoesNotFit_ThrowsGeminiContentExceptionNamingTheTypeAndTheField()
    {
        Server.Enqueue(FakeReply.Completion("""{"city_name":"Paris","Population":"many"}"""));
        var completion = await CreateClient().CompleteAsync("Describe Paris.");

        var error = Assert.Throws<GeminiContentException>(() => completion.GetContent<CityReport>())!;

        Assert.That(error.Message, Does.Contain("CityReport"));
        Assert.That(error.Message, Does.Contain("Population"));
        Assert.That(error.TargetType, Is.EqualTo(typeof(CityReport)));
        Assert.That(error.Completion, Is.SameAs(completion));
        Assert.That(error.InnerException, Is.InstanceOf<JsonException>());
    }

    [Test]
    public async Task GetContent_WhenTheAnswerIsJsonNull_ThrowsSayingSo()
    {
        Server.Enqueue(FakeReply.Completion(" null "));
        var completion = await CreateClient().CompleteAsync("Describe Paris.");

        var error = Assert.Throws<GeminiContentException>(() => completion.GetContent<CityReport>())!;

        Assert.That(error.Message, Is.EqualTo("The answer is JSON null where a CityReport was expected."));
        Assert.That(error.TargetType, Is.EqualTo(typeof(CityReport)));
        Assert.That(error.Completion, Is.SameAs(completion));
    }

    [Test]
    public async Task GetContent_WhenARequiredFieldIsMissing_ThrowsGeminiContentException()
    {
        Server.Enqueue(FakeReply.Completion("""{"city_name":"Paris"}"""));
        var completion = await CreateClient().CompleteAsync("Describe Paris.");

        var error = Assert.Throws<GeminiContentException>(() => completion.GetContent<CityReport>())!;

        Assert.That(error.Message, Does.Contain("Population"));
    }

    [Test]
    public async Task GetContent_WhenTheTokenLimitCutTheJsonOff_SaysSo()
    {
        Server.Enqueue(FakeReply.Completion("""{"city_name":"Par""").WithFinishReason("length"));
        var completion = await CreateClient(o => o.TruncationBehavior = TruncationBehavior.Ignore).CompleteAsync("Describe Paris.");

        var error = Assert.Throws<GeminiContentException>(() => completion.GetContent<CityReport>())!;

        Assert.That(error.Message, Does.Contain("token limit"));
        Assert.That(error.Message, Does.Contain("MaxCompletionTokens"));
    }

    [Test]
    public async Task GetContent_WhenTheModelRefused_ThrowsWithTheRefusal()
    {
        Server.Enqueue(FakeReply.Completion(string.Empty).WithRefusal("I can't help with that."));
        var completion = await CreateClient().CompleteAsync("Describe Paris.");

        var error = Assert.Throws<GeminiContentException>(() => completion.GetContent<CityReport>())!;

        Assert.That(error.Message, Does.Contain("refused"));
        Assert.That(error.Message, Does.Contain("I can't help with that."));
    }

    [Test]
    public async Task Request_WithASchemaGivenAsJsonNode_SendsTheJsonItHolds()
    {
        var properties = JsonNode.Parse("""{"city":{"type":"string","description":"a city, such as 2024-01-01 town"}}""");
        var request = new ChatCompletionRequest(ChatMessage.User("Hi"))
        {
            ResponseFormat = new JsonSchemaResponseFormat
            {
                JsonSchema = new JsonSchemaDefinition
                {
                    Name = "city",
                    Schema = new Dictionary<string, object?> { ["type"] = "object", ["properties"] = properties },
                },
            },
        };

        var sent = await SendAndCaptureAsync(request);

        Assert.That(sent["response_format"]!["json_schema"]!["schema"]!["properties"], Is.EqualTo(JToken.Parse(properties!.ToJsonString())).Using(JToken.EqualityComparer));
    }

    [Test]
    public async Task Request_WithASchemaDeserializedBySystemTextJson_SendsTheJsonItHolds()
    {
        const string Schema = """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""";
        var request = new ChatCompletionRequest(ChatMessage.User("Hi"))
        {
            ResponseFormat = new JsonSchemaResponseFormat
            {
                JsonSchema = new JsonSchemaDefinition { Name = "city", Schema = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(Schema) },
            },
            Tools = new List<ChatTool>
            {
                new() { Function = new FunctionDefinition { Name = "lookup", Parameters = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(Schema)! } },
            },
        };
        request.AdditionalProperties["metadata"] = System.Text.Json.JsonDocument.Parse("""{"team":"a"}""");

        var sent = await SendAndCaptureAsync(request);

        Assert.That(sent["response_format"]!["json_schema"]!["schema"], Is.EqualTo(JToken.Parse(Schema)).Using(JToken.EqualityComparer));
        Assert.That(sent["tools"]![0]!["function"]!["parameters"], Is.EqualTo(JToken.Parse(Schema)).Using(JToken.EqualityComparer));
        Assert.That(sent["metadata"]!["team"]!.ToString(), Is.EqualTo("a"));
    }

    [Test]
    public void SystemTextJsonValues_ConvertToNewtonsoftTokensAndBack()
    {
        var node = JsonNode.Parse("""{"when":"2024-01-01T00:00:00Z","n":1.25}""")!;

        var token = JToken.FromObject(new Dictionary<string, object?> { ["v"] = node }, JsonSerializer.Create(GeminiJson.Settings));
        var back = JsonConvert.DeserializeObject<Dictionary<string, JsonNode>>(token.ToString(), GeminiJson.Settings)!;

        Assert.That(token["v"]!["when"]!.Type, Is.EqualTo(JTokenType.String), "a date-like string stays a string");
        Assert.That(back["v"]!.ToJsonString(), Is.EqualTo(node.ToJsonString()));
    }
}
