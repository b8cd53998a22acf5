using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Gemini.Generated.Extensions.Tests.Support;
using Gemini.Generated.Testing;
using Microsoft.Extensions.AI;
using Newtonsoft.Json.Linq;
using MEAI = Microsoft.Extensions.AI;

namespace Gemini.Generated.Extensions.Tests.ChatClient;

/// <summary>What the IChatClient sends: messages, options and extra fields, as the request the service reads.</summary>
public class ChatClientRequestTests : FakeServerTest
{
    private static readonly byte[] Png = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

    [Test]
    public async Task GetResponseAsync_SendsTextImagesAndEveryRoleAsMessages()
    {
        var messages = new List<MEAI.ChatMessage>
        {
            new(MEAI.ChatRole.System, "Be brief."),
            new(new MEAI.ChatRole("developer"), "Use metric units."),
            new(MEAI.ChatRole.User, new List<AIContent>
            {
                new TextContent("What is in these pictures?"),
                new DataContent(Png, "image/png"),
                new UriContent(new Uri("https://example.com/cat.jpg"), "image/jpeg") { AdditionalProperties = new() { ["detail"] = "low" } },
            }) { AuthorName = "ada" },
            new(MEAI.ChatRole.Assistant, "A cat."),
            new(MEAI.ChatRole.User, "And?"),
        };

        await CreateChatClient().GetResponseAsync(messages, new ChatOptions { Instructions = "Answer in English." });

        var sent = (JArray)Server.Requests.Single().Json!["messages"]!;
        Assert.That(sent.Select(m => m["role"]!.ToString()), Is.EqualTo(new[] { "system", "system", "developer", "user", "assistant", "user" }));
        Assert.That(sent[0]!["content"]!.ToString(), Is.EqualTo("Answer in English."));
        Assert.That(sent[2]!["content"]!.ToString(), Is.EqualTo("Use metric units."));
        var parts = (JArray)sent[3]!["content"]!;
        Assert.That(sent[3]!["name"]!.ToString(), Is.EqualTo("ada"));
        Assert.That(parts[0]!["text"]!.ToString(), Is.EqualTo("What is in these pictures?"));
        Assert.That(parts[1]!["image_url"]!["url"]!.ToString(), Is.EqualTo("data:image/png;base64," + Convert.ToBase64String(Png)));
        Assert.That(parts[2]!["image_url"]!["url"]!.ToString(), Is.EqualTo("https://example.com/cat.jpg"));
        Assert.That(parts[2]!["image_url"]!["detail"]!.ToString(), Is.EqualTo("low"));
        Assert.That(sent[4]!["content"]!.ToString(), Is.EqualTo("A cat."));
        Assert.That(sent[5]!["content"]!.Type, Is.EqualTo(JTokenType.String), "a text-only message is sent as a string");
    }

    [Test]
    public async Task GetResponseAsync_MapsChatOptionsToTheRequestFields()
    {
        var options = new ChatOptions
        {
            ModelId = "google/gemini-2.5-pro",
            MaxOutputTokens = 300,
            Temperature = 0.5f,
            TopP = 0.75f,
            FrequencyPenalty = 0.25f,
            PresencePenalty = -0.5f,
            Seed = 42,
            StopSequences = new List<string> { "END", "STOP" },
            AllowMultipleToolCalls = false,
            Tools = new List<AITool> { AIFunctionFactory.Create((string city) => "sunny", "get_weather", "The weather in a city") },
            ToolMode = ChatToolMode.RequireSpecific("get_weather"),
            AdditionalProperties = new AdditionalPropertiesDictionary
            {
                ["reasoning_effort"] = "low",
                ["metadata"] = JsonDocument.Parse("""{"team":"search"}""").RootElement,
            },
        };

        await CreateChatClient().GetResponseAsync("Weather in Paris?", options);

        var sent = Server.Requests.Single().Json!;
        Assert.That(sent["model"]!.ToString(), Is.EqualTo("google/gemini-2.5-pro"));
        Assert.That((int)sent["max_completion_tokens"]!, Is.EqualTo(300));
        Assert.That((double)sent["temperature"]!, Is.EqualTo(0.5));
        Assert.That((double)sent["top_p"]!, Is.EqualTo(0.75));
        Assert.That((double)sent["frequency_penalty"]!, Is.EqualTo(0.25));
        Assert.That((double)sent["presence_penalty"]!, Is.EqualTo(-0.5));
        Assert.That((int)sent["seed"]!, Is.EqualTo(42));
        Assert.That(sent["stop"]!.Values<string>(), Is.EqualTo(new[] { "END", "STOP" }));
        Assert.That((bool)sent["parallel_tool_calls"]!, Is.False);
        Assert.That(sent["tools"]![0]!["function"]!["name"]!.ToString(), Is.EqualTo("get_weather"));
        Assert.That(sent["tools"]![0]!["function"]!["description"]!.ToString(), Is.EqualTo("The weather in a city"));
        Assert.That(sent["tools"]![0]!["function"]!["parameters"]!["properties"]!["city"]!["type"]!.ToString(), Is.EqualTo("string"));
        Assert.That(sent["tool_choice"]!["function"]!["name"]!.ToString(), Is.EqualTo("get_weather"));
        Assert.That(sent["reasoning_effort"]!.ToString(), Is.EqualTo("low"));
        Assert.That(sent["metadata"]!["team"]!.ToString(), Is.EqualTo("search"));
    }

    [TestCase("none", "none")]
    [TestCase("auto", "auto")]
    [TestCase("required", "required")]
    public async Task GetResponseAsync_SendsTheToolMode(string mode, string expected)
    {
        ChatToolMode toolMode = mode switch { "none" => ChatToolMode.None, "auto" => ChatToolMode.Auto, _ => ChatToolMode.RequireAny };

        await CreateChatClient().GetResponseAsync("Hi", new ChatOptions { ToolMode = toolMode, Tools = new List<AITool> { AIFunctionFactory.Create(() => 1, "one") } });

        Assert.That(Server.Requests.Single().Json!["tool_choice"]!.ToString(), Is.EqualTo(expected));
    }

    [Test]
    public async Task GetResponseAsync_WithoutMaxOutputTokens_SendsTheClientsDefaultTokenLimit()
    {
        await CreateChatClient().GetResponseAsync("Hi");

        Assert.That((int)Server.Requests.Single().Json!["max_completion_tokens"]!, Is.EqualTo(GeminiClientOptions.DefaultTokenLimit));
        Assert.That(Server.Requests.Single().Json!["model"]!.ToString(), Is.EqualTo("google/gemini-2.5-flash"));
    }

    [Test]
    public async Task GetResponseAsync_WithAJsonSchemaResponseFormat_SendsItAsJsonSchema()
    {
        var schema = JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement;

        await CreateChatClient().GetResponseAsync("Hi", new ChatOptions { ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, "city_answer", "A city") });
        await CreateChatClient().GetResponseAsync("Hi", new ChatOptions { ResponseFormat = ChatResponseFormat.Json });

        var format = Server.Requests[0].Json!["response_format"]!;
        Assert.That(format["type"]!.ToString(), Is.EqualTo("json_schema"));
        Assert.That(format["json_schema"]!["name"]!.ToString(), Is.EqualTo("city_answer"));
        Assert.That(format["json_schema"]!["description"]!.ToString(), Is.EqualTo("A city"));
        Assert.That(format["json_schema"]!["schema"], Is.EqualTo(JToken.Parse(schema.GetRawText())).Using(JToken.EqualityComparer));
        Assert.That(Server.Requests[1].Json!["response_format"]!["type"]!.ToString(), Is.EqualTo("json_object"));
    }

    [Test]
    public async Task GetResponseAsync_WithRawRepresentationFactory_StartsFromThatRequest()
    {
        var options = new ChatOptions
        {
            Temperature = 0.1f,
            RawRepresentationFactory = _ => RawRequest(),
        };

        await CreateChatClient().GetResponseAsync("Hi", options);

        var sent = Server.Requests.Single().Json!;
        Assert.That(sent["provider"]!.ToString(), Is.EqualTo("google"));
        Assert.That((double)sent["temperature"]!, Is.EqualTo(0.1).Within(1e-6), "ChatOptions win over the raw request");
        Assert.That((int)sent["max_completion_tokens"]!, Is.EqualTo(2000));
    }

    /// <summary>A raw request with a field the adapter does not map; <c>provider</c> goes as an extra field, so this compiles whatever the spec says of it.</summary>
    private static ChatCompletionRequest RawRequest()
    {
        var request = new ChatCompletionRequest { Temperature = 1.5, MaxCompletionTokens = 2000 };
        request.AdditionalProperties["provider"] = "google";
        return request;
    }

    [Test]
    public void GetResponseAsync_WithAPdf_ThrowsArgumentExceptionBeforeSending()
    {
        var message = new MEAI.ChatMessage(MEAI.ChatRole.User, new List<AIContent> { new TextContent("Summarize"), new DataContent(new byte[] { 1 }, "application/pdf") });

        var error = Assert.ThrowsAsync<ArgumentException>(() => CreateChatClient().GetResponseAsync(new[] { message }))!;

        Assert.That(error.Message, Does.Contain("application/pdf"));
        Assert.That(error.Message, Does.Contain("messages[0]"));
        Assert.That(Server.Requests, Is.Empty);
    }

    [Test]
    public void GetResponseAsync_WithAHostedTool_ThrowsArgumentExceptionNamingIt()
    {
        var error = Assert.ThrowsAsync<ArgumentException>(() => CreateChatClient().GetResponseAsync("Hi", new ChatOptions { Tools = new List<AITool> { new HostedWebSearchTool() } }))!;

        Assert.That(error.Message, Does.Contain("HostedWebSearchTool"));
        Assert.That(Server.Requests, Is.Empty);
    }

    [Test]
    public void GetResponseAsync_WithAnExtraFieldNamingARequestField_ThrowsArgumentException()
    {
        var options = new ChatOptions { AdditionalProperties = new AdditionalPropertiesDictionary { ["temperature"] = 2 } };

        var error = Assert.ThrowsAsync<ArgumentException>(() => CreateChatClient().GetResponseAsync("Hi", options))!;

        Assert.That(error.ParamName, Is.EqualTo("temperature"));
        Assert.That(Server.Requests, Is.Empty);
    }

    [Test]
    public void GetStreamingResponseAsync_WithAnUnknownRole_ThrowsWhenCalled()
    {
        var messages = new[] { new MEAI.ChatMessage(new MEAI.ChatRole("critic"), "Hmm") };

        var error = Assert.Throws<ArgumentException>(() => CreateChatClient().GetStreamingResponseAsync(messages))!;

        Assert.That(error.Message, Does.Contain("critic"));
    }
}
