using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated.Tests.Client;

/// <summary>
/// The JSON the client sends for every request parameter, as the fake server received it, and that each such body validates
/// against the spec's request schema.
/// </summary>
public class RequestSerializationTests : FakeServerTestBase
{
    /// <summary>The JSON of <see cref="WeatherTool"/>.</summary>
    private const string WeatherToolJson = """
        {
          "type": "function",
          "function": {
            "name": "get_weather",
            "description": "Current weather in a city.",
            "parameters": { "type": "object", "properties": { "city": { "type": "string" } }, "required": ["city"] },
            "strict": false
          }
        }
        """;

    /// <summary>One parameter: how to set it, and the top-level JSON properties it must produce (and no others).</summary>
    public sealed record ParameterCase(string Name, Action<ChatCompletionRequest> Set, string ExpectedJson)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<TestCaseData> ParameterCases()
    {
        var cases = new[]
        {
            new ParameterCase("model", r => r.Model = GeminiModels.Gemini25Flash, """{ "model": "google/gemini-2.5-flash" }"""),
            new ParameterCase("max_completion_tokens", r => r.MaxCompletionTokens = 2048, """{ "max_completion_tokens": 2048 }"""),
            new ParameterCase("max_tokens", r => r.MaxTokens = 3000, """{ "max_tokens": 3000 }"""),
            new ParameterCase("stream_options", r => r.StreamOptions = new ChatStreamOptions { IncludeUsage = true }, """{ "stream_options": { "include_usage": true } }"""),
            new ParameterCase("n", r => r.N = 2, """{ "n": 2 }"""),
            new ParameterCase("temperature", r => r.Temperature = 0.7, """{ "temperature": 0.7 }"""),
            new ParameterCase("top_p", r => r.TopP = 0.9, """{ "top_p": 0.9 }"""),
            new ParameterCase("stop as a string", r => r.Stop = "END", """{ "stop": "END" }"""),
            new ParameterCase("stop as a list", r => r.Stop = new[] { "END", "\n\n" }, """{ "stop": ["END", "\n\n"] }"""),
            new ParameterCase("frequency_penalty", r => r.FrequencyPenalty = -1.5, """{ "frequency_penalty": -1.5 }"""),
            new ParameterCase("presence_penalty", r => r.PresencePenalty = 0.25, """{ "presence_penalty": 0.25 }"""),
            new ParameterCase(
                "prediction",
                r => r.Prediction = new ChatPrediction { Content = "The capital of France is Paris." },
                """{ "prediction": { "type": "content", "content": "The capital of France is Paris." } }"""),
            new ParameterCase("seed", r => r.Seed = 42, """{ "seed": 42 }"""),
            new ParameterCase("response_format text", r => r.ResponseFormat = new TextResponseFormat(), """{ "response_format": { "type": "text" } }"""),
            new ParameterCase("response_format json_object", r => r.ResponseFormat = new JsonObjectResponseFormat(), """{ "response_format": { "type": "json_object" } }"""),
            new ParameterCase(
                "response_format json_schema",
                r => r.ResponseFormat = new JsonSchemaResponseFormat
                {
                    JsonSchema = new JsonSchemaDefinition
                    {
                        Name = "capital_answer",
                        Description = "The capital of a country.",
                        Strict = true,
                        Schema = CitySchema(),
                    },
                },
                """
                {
                  "response_format": {
                    "type": "json_schema",
                    "json_schema": {
                      "name": "capital_answer",
                      "description": "The capital of a country.",
                      "strict": true,
                      "schema": { "type": "object", "properties": { "city": { "type": "string" } }, "required": ["city"] }
                    }
                  }
                }
                """),
            new ParameterCase(
                "tools",
                r => r.Tools = new List<ChatTool> { WeatherTool() },
                $$"""{ "tools": [{{WeatherToolJson}}] }"""),
            new ParameterCase("tool_choice none", r => r.ToolChoice = ToolChoice.None, """{ "tool_choice": "none" }"""),
            new ParameterCase("tool_choice auto", r => r.ToolChoice = ToolChoice.Auto, """{ "tool_choice": "auto" }"""),
            new ParameterCase("tool_choice required", r => r.ToolChoice = ToolChoice.Required, """{ "tool_choice": "required" }"""),
            new ParameterCase(
                "tool_choice named function",
                r =>
                {
                    r.Tools = new List<ChatTool> { WeatherTool() };
                    r.ToolChoice = ToolChoice.Function("get_weather");
                },
                $$"""{ "tools": [{{WeatherToolJson}}], "tool_choice": { "type": "function", "function": { "name": "get_weather" } } }"""),
            new ParameterCase("parallel_tool_calls", r => r.ParallelToolCalls = false, """{ "parallel_tool_calls": false }"""),
            new ParameterCase(
                "AdditionalProperties extras",
                r =>
                {
                    r.AdditionalProperties["top_k"] = 40;
                    r.AdditionalProperties["metadata"] = new Dictionary<string, object> { ["team"] = "search" };
                },
                """{ "top_k": 40, "metadata": { "team": "search" } }"""),
        };

        return cases.Select(c => new TestCaseData(c).SetArgDisplayNames(c.Name));
    }

    [TestCaseSource(nameof(ParameterCases))]
    public async Task CompleteAsync_WhenAParameterIsSet_SendsExactlyItsJson(ParameterCase parameter)
    {
        var request = new ChatCompletionRequest(ChatMessage.User("What is the capital of France?"));
        parameter.Set(request);

        var sent = await SendAndCaptureAsync(request);

        var expected = (JObject)JsonAssert.Parse(parameter.ExpectedJson);
        foreach (var property in expected.Properties())
        {
            JsonAssert.AreEqual(property.Value, sent[property.Name], property.Name);
        }

        var setsALimit = expected.ContainsKey("max_tokens") || expected.ContainsKey("max_completion_tokens");
        var expectedKeys = new[] { "model", "messages" }
            .Concat(setsALimit ? Array.Empty<string>() : new[] { "max_completion_tokens" })
            .Concat(JsonAssert.Keys(expected))
            .Distinct();
        Assert.That(JsonAssert.Keys(sent), Is.EquivalentTo(expectedKeys), "top-level properties sent");
        JsonAssert.AreEqual("""[{ "role": "user", "content": "What is the capital of France?" }]""", sent["messages"], "messages");
    }

    [TestCaseSource(nameof(ParameterCases))]
    public async Task CompleteAsync_WhenAParameterIsSet_TheBodySentValidatesAgainstTheSpec(ParameterCase parameter)
    {
        var request = new ChatCompletionRequest(ChatMessage.User("What is the capital of France?"));
        parameter.Set(request);

        await SendAndCaptureAsync(request);

        await SpecRequestSchema.AssertValidAsync(SingleRequest().Body);
    }

    [TestCase("""{ "messages": [ { "role": "user", "content": "Hi" } ] }""", TestName = "{m}(no model)")]
    [TestCase("""{ "model": "google/gemini-2.5-flash", "messages": [ { "role": "user" } ] }""", TestName = "{m}(user without content)")]
    [TestCase("""{ "model": "google/gemini-2.5-flash", "messages": [ { "role": "user", "content": "Hi" } ], "temperature": 3 }""", TestName = "{m}(temperature above 2)")]
    [TestCase("""{ "model": "google/gemini-2.5-flash", "messages": [ { "role": "user", "content": "Hi" } ], "tool_choice": "sometimes" }""", TestName = "{m}(unknown tool_choice)")]
    [TestCase("""{ "model": "google/gemini-2.5-flash", "messages": [ { "role": "developer", "content": "Hi" } ] }""", TestName = "{m}(developer role)")]
    public async Task SpecRequestSchema_WhenABodyBreaksIt_ReportsErrors(string body)
    {
        // The schema check above must be able to fail; this also records that the spec does not list the developer role.
        Assert.That(await SpecRequestSchema.ErrorsAsync(body), Is.Not.Empty);
    }

    [Test]
    public async Task CompleteAsync_WhenTheRequestNamesAModel_SendsItInsteadOfTheDefault()
    {
        var request = new ChatCompletionRequest(ChatMessage.User("Hi")) { Model = GeminiModels.Gemini25Flash };

        var sent = await SendAndCaptureAsync(request, o => o.DefaultModel = "google/some-other-model");

        Assert.That((string?)sent["model"], Is.EqualTo(GeminiModels.Gemini25Flash));
    }

    [Test]
    public async Task CompleteAsync_WhenTheRequestNamesNoModel_SendsTheClientsDefaultModel()
    {
        var sent = await SendAndCaptureAsync(new ChatCompletionRequest(ChatMessage.User("Hi")), o => o.DefaultModel = "google/some-other-model");

        Assert.That((string?)sent["model"], Is.EqualTo("google/some-other-model"));
    }

    [Test]
    public async Task CompleteAsync_WithAMessageOfEveryRole_SendsEachWithItsRoleAndFields()
    {
        var request = new ChatCompletionRequest(
            ChatMessage.System("You are terse."),
            ChatMessage.Developer("Answer in one word."),
            new UserMessage { Content = "Weather in Paris?", Name = "alice" },
            ChatMessage.Assistant(new[] { new ChatToolCall { Id = "call_1", Type = "function", Function = new FunctionCall { Name = "get_weather", Arguments = """{"city":"Paris"}""" } } }),
            ChatMessage.Tool("call_1", "18 C, sunny"),
            ChatMessage.Assistant("Sunny."));

        var sent = await SendAndCaptureAsync(request);

        JsonAssert.AreEqual(
            """
            [
              { "role": "system", "content": "You are terse." },
              { "role": "developer", "content": "Answer in one word." },
              { "role": "user", "content": "Weather in Paris?", "name": "alice" },
              { "role": "assistant", "tool_calls": [ { "id": "call_1", "type": "function", "function": { "name": "get_weather", "arguments": "{\"city\":\"Paris\"}" } } ] },
              { "role": "tool", "tool_call_id": "call_1", "content": "18 C, sunny" },
              { "role": "assistant", "content": "Sunny." }
            ]
            """,
            sent["messages"],
            "messages");
    }

    [Test]
    public async Task CompleteAsync_WithAMessageOfEverySpecRole_TheBodySentValidatesAgainstTheSpec()
    {
        // The developer role is left out: the spec's request schema does not list it (its messages oneOf has user, system,
        // tool and assistant only), although the service and the SDK accept it. Its JSON is asserted by the test above.
        var request = new ChatCompletionRequest(
            ChatMessage.System("You are terse."),
            ChatMessage.User(ChatContentPart.Text("What is in this picture?"), ChatContentPart.Image(new Uri("https://example.com/cat.png"), ImageDetail.Low)),
            ChatMessage.Assistant(new[] { new ChatToolCall { Id = "call_1", Type = "function", Function = new FunctionCall { Name = "describe", Arguments = "{}" } } }),
            ChatMessage.Tool("call_1", "a cat"),
            ChatMessage.Assistant("A cat."),
            ChatMessage.User("Thanks"));

        await SendAndCaptureAsync(request);

        await SpecRequestSchema.AssertValidAsync(SingleRequest().Body);
    }

    [Test]
    public async Task MessageBuilders_WhenSent_ProduceTheJsonTheApiExpects()
    {
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
        var request = new ChatCompletionRequest(
            ChatMessage.System("Be brief."),
            ChatMessage.Developer("No emojis."),
            ChatMessage.User("Plain text"),
            ChatMessage.User(
                ChatContentPart.Text("Compare these:"),
                ChatContentPart.Image(new Uri("https://example.com/a.jpg")),
                ChatContentPart.Image(new Uri("https://example.com/b.jpg"), ImageDetail.High),
                ChatContentPart.Image(png, "image/png")),
            ChatMessage.Assistant("They differ."),
            ChatMessage.Tool("call_9", """{"ok":true}"""));

        var sent = await SendAndCaptureAsync(request);

        JsonAssert.AreEqual(
            """
            [
              { "role": "system", "content": "Be brief." },
              { "role": "developer", "content": "No emojis." },
              { "role": "user", "content": "Plain text" },
              { "role": "user", "content": [
                  { "type": "text", "text": "Compare these:" },
                  { "type": "image_url", "image_url": { "url": "https://example.com/a.jpg" } },
                  { "type": "image_url", "image_url": { "url": "https://example.com/b.jpg", "detail": "high" } },
                  { "type": "image_url", "image_url": { "url": "data:image/png;base64,iVBORw0KGgo=" } }
              ] },
              { "role": "assistant", "content": "They differ." },
              { "role": "tool", "tool_call_id": "call_9", "content": "{\"ok\":true}" }
            ]
            """,
            sent["messages"],
            "messages");
    }

    [Test]
    public async Task MessageBuilders_WhenSentWithoutTheDeveloperRole_ValidateAgainstTheSpec()
    {
        // Developer left out: not in the spec's request schema (see above).
        var request = new ChatCompletionRequest(
            ChatMessage.System("Be brief."),
            ChatMessage.User(ChatContentPart.Text("Compare:"), ChatContentPart.Image(new byte[] { 1, 2, 3 }, "image/png")),
            ChatMessage.Assistant("They differ."),
            ChatMessage.User("Why?"));

        await SendAndCaptureAsync(request);

        await SpecRequestSchema.AssertValidAsync(SingleRequest().Body);
    }

    [Test]
    public void ImageBuilder_WhenTheMediaTypeIsNotAnImage_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => ChatContentPart.Image(new byte[] { 1 }, "text/plain"))!;

        Assert.That(error.ParamName, Is.EqualTo("mediaType"));
    }

    /// <summary>A JSON schema as the SDK takes it: an object with one required string property, city.</summary>
    private static Dictionary<string, object?> CitySchema() => new()
    {
        ["type"] = "object",
        ["properties"] = new Dictionary<string, object?> { ["city"] = new Dictionary<string, object?> { ["type"] = "string" } },
        ["required"] = new[] { "city" },
    };

    private static ChatTool WeatherTool() => new()
    {
        Function = new FunctionDefinition
        {
            Name = "get_weather",
            Description = "Current weather in a city.",
            Strict = false,
            Parameters = CitySchema(),
        },
    };
}
