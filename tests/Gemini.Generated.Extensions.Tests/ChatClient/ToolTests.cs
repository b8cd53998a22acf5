using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Gemini.Generated.Extensions.Tests.Support;
using Gemini.Generated.Testing;
using Microsoft.Extensions.AI;

namespace Gemini.Generated.Extensions.Tests.ChatClient;

/// <summary>Tools from methods for the plain client: the schema from AIFunctionFactory, the call answered by the function.</summary>
public class ToolTests : FakeServerTest
{
    [Test]
    public async Task AsGeminiChatTool_TakesTheNameDescriptionAndSchemaOfTheFunction()
    {
        var function = AIFunctionFactory.Create((string city, int days) => "", "forecast", "The forecast for a city");

        var tool = function.AsGeminiChatTool();

        Assert.That(tool.Type, Is.EqualTo("function"));
        Assert.That(tool.Function.Name, Is.EqualTo("forecast"));
        Assert.That(tool.Function.Description, Is.EqualTo("The forecast for a city"));
        Assert.That(tool.Function.Strict, Is.Null);
        await CreateClient().CompleteAsync(new ChatCompletionRequest(Gemini.Generated.ChatMessage.User("Hi")) { Tools = new List<ChatTool> { tool } });
        var schema = Server.Requests.Single().Json!["tools"]![0]!["function"]!["parameters"]!;
        Assert.That(schema["properties"]!["city"]!["type"]!.ToString(), Is.EqualTo("string"));
        Assert.That(schema["properties"]!["days"]!["type"]!.ToString(), Is.EqualTo("integer"));
        Assert.That(schema["required"]!.Values<string>(), Is.EquivalentTo(new[] { "city", "days" }));
    }

    [Test]
    public void AsGeminiChatTool_WhenTheFunctionAsksForStrict_SendsStrict()
    {
        var function = AIFunctionFactory.Create(() => 1, new AIFunctionFactoryOptions { Name = "one", AdditionalProperties = new Dictionary<string, object?> { ["Strict"] = true } });

        Assert.That(function.AsGeminiChatTool().Function.Strict, Is.True);
    }

    [Test]
    public async Task InvokeAsync_AnswersTheModelsToolCallInAManualLoop()
    {
        Server.Enqueue(FakeReply.ToolCall("get_weather", """{"city":"Lima"}""", "call_5"), FakeReply.Completion("Cloudy in Lima."));
        var client = CreateClient();
        var weather = AIFunctionFactory.Create((string city) => new { city, sky = "cloudy" }, "get_weather");
        var request = new ChatCompletionRequest(Gemini.Generated.ChatMessage.User("Weather in Lima?")) { Tools = new List<ChatTool> { weather.AsGeminiChatTool() } };

        var first = await client.CompleteAsync(request);
        request.Messages.Add(Gemini.Generated.ChatMessage.Assistant(first.FirstChoice!.Message!));
        foreach (var call in first.FirstChoice.Message!.ToolCalls!)
        {
            request.Messages.Add(await weather.InvokeAsync(call));
        }

        var answer = await client.CompleteAsync(request);

        Assert.That(answer.Text, Is.EqualTo("Cloudy in Lima."));
        var tool = Server.Requests[1].Json!["messages"]![2]!;
        Assert.That(tool["tool_call_id"]!.ToString(), Is.EqualTo("call_5"));
        Assert.That(tool["content"]!.ToString(), Is.EqualTo("""{"city":"Lima","sky":"cloudy"}"""));
    }

    [Test]
    public void InvokeAsync_WhenTheCallIsToAnotherFunction_ThrowsArgumentException()
    {
        var weather = AIFunctionFactory.Create((string city) => "", "get_weather");
        var call = new ChatToolCall { Id = "c", Function = new FunctionCall { Name = "get_time", Arguments = "{}" } };

        var error = Assert.ThrowsAsync<System.ArgumentException>(() => weather.InvokeAsync(call))!;

        Assert.That(error.Message, Does.Contain("get_time"));
    }
}
