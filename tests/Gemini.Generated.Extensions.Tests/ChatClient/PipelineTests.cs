using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Gemini.Generated.Extensions.Tests.Support;
using Gemini.Generated.Testing;
using Microsoft.Extensions.AI;
using Newtonsoft.Json.Linq;
using MEAI = Microsoft.Extensions.AI;

namespace Gemini.Generated.Extensions.Tests.ChatClient;

/// <summary>The adapter inside Microsoft.Extensions.AI's pipelines: function invocation, structured output, OpenTelemetry.</summary>
public class PipelineTests : FakeServerTest
{
    public sealed record WeatherReport(string City, int TemperatureC, string Summary);

    [Test]
    public async Task FunctionInvokingChatClient_RunsTheToolAndSendsItsResultBack()
    {
        Server.Enqueue(
            FakeReply.ToolCall("get_weather", """{"city":"Paris"}""", "call_1").WithUsage(20, 5),
            FakeReply.Completion("It is sunny in Paris.").WithUsage(40, 8));
        var cities = new List<string>();
        var weather = AIFunctionFactory.Create((string city) => { cities.Add(city); return $"Sunny, 24 C in {city}"; }, "get_weather", "The weather in a city");
        using var chat = CreateClient().AsIChatClient().AsBuilder().UseFunctionInvocation().Build();

        var response = await chat.GetResponseAsync("Weather in Paris?", new ChatOptions { Tools = new List<AITool> { weather } });

        Assert.That(cities, Is.EqualTo(new[] { "Paris" }));
        Assert.That(response.Text, Is.EqualTo("It is sunny in Paris."));
        Assert.That(response.Usage!.InputTokenCount, Is.EqualTo(60), "usage of both calls");
        var second = (JArray)Server.Requests[1].Json!["messages"]!;
        Assert.That(second.Select(m => m["role"]!.ToString()), Is.EqualTo(new[] { "user", "assistant", "tool" }));
        Assert.That(second[1]!["tool_calls"]![0]!["id"]!.ToString(), Is.EqualTo("call_1"));
        Assert.That(second[1]!["tool_calls"]![0]!["function"]!["arguments"]!.ToString(), Is.EqualTo("""{"city":"Paris"}"""));
        Assert.That(second[2]!["tool_call_id"]!.ToString(), Is.EqualTo("call_1"));
        Assert.That(second[2]!["content"]!.ToString(), Is.EqualTo("Sunny, 24 C in Paris"));
    }

    [Test]
    public async Task FunctionInvokingChatClient_WhenStreaming_RunsTheToolAndStreamsTheAnswer()
    {
        Server.Enqueue(FakeReply.ToolCall("get_weather", """{"city":"Oslo"}""", "call_2"), FakeReply.Completion("Rainy in Oslo."));
        var weather = AIFunctionFactory.Create((string city) => $"Rain in {city}", "get_weather");
        using var chat = CreateClient().AsIChatClient().AsBuilder().UseFunctionInvocation().Build();

        var response = await chat.GetStreamingResponseAsync("Weather in Oslo?", new ChatOptions { Tools = new List<AITool> { weather } }).ToChatResponseAsync();

        Assert.That(response.Messages.Last().Text, Is.EqualTo("Rainy in Oslo."));
        Assert.That(Server.Requests[1].Json!["messages"]![2]!["content"]!.ToString(), Is.EqualTo("Rain in Oslo"));
    }

    [Test]
    public async Task FunctionInvokingChatClient_SendsTheToolCallBackWithFieldsTheSdkDoesNotModel()
    {
        // Gemini marks its tool calls with a thought signature that must come back on the next turn.
        Server.Enqueue(
            FakeReply.Raw(200, """
                {"id":"c1","object":"chat.completion","created":1700000000,"model":"google/gemini-2.5-flash",
                 "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
                   "tool_calls":[{"id":"call_9","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Rome\"}"},
                                  "extra_content":{"google":{"thought_signature":"sig-123"}}}]}}],
                 "usage":{"prompt_tokens":5,"completion_tokens":5,"total_tokens":10}}
                """),
            FakeReply.Completion("Warm in Rome."));
        using var chat = CreateClient().AsIChatClient().AsBuilder().UseFunctionInvocation().Build();

        await chat.GetResponseAsync("Weather in Rome?", new ChatOptions { Tools = new List<AITool> { AIFunctionFactory.Create((string city) => "warm", "get_weather") } });

        var call = Server.Requests[1].Json!["messages"]![1]!["tool_calls"]![0]!;
        Assert.That(call["extra_content"]!["google"]!["thought_signature"]!.ToString(), Is.EqualTo("sig-123"));
    }

    [Test]
    public async Task GetResponseAsyncOfT_SendsTheTypesSchemaAndReadsTheAnswer()
    {
        Server.Enqueue(FakeReply.Completion("""{"city":"Paris","temperatureC":24,"summary":"Sunny"}"""));

        var response = await CreateChatClient().GetResponseAsync<WeatherReport>("Weather in Paris as JSON");

        Assert.That(response.Result, Is.EqualTo(new WeatherReport("Paris", 24, "Sunny")));
        var format = Server.Requests.Single().Json!["response_format"]!;
        Assert.That(format["type"]!.ToString(), Is.EqualTo("json_schema"));
        Assert.That(format["json_schema"]!["name"]!.ToString(), Does.Contain("WeatherReport"));
        Assert.That(((JObject)format["json_schema"]!["schema"]!["properties"]!).Properties().Select(p => p.Name), Is.EquivalentTo(new[] { "city", "temperatureC", "summary" }), "Microsoft.Extensions.AI's web naming");
    }

    [Test]
    public async Task UseOpenTelemetry_RecordsAGenAiSpanWithTheResponsesUsage()
    {
        const string Source = "Gemini.Generated.Extensions.Tests.OpenTelemetry";
        var activities = new List<Activity>();
        using var listener = Listen(Source, activities);
        Server.Enqueue(FakeReply.Completion("Paris.").WithUsage(12, 40, reasoningTokens: 35));
        using var chat = CreateClient().AsIChatClient().AsBuilder().UseOpenTelemetry(sourceName: Source).Build();

        var response = await chat.GetResponseAsync("Capital of France?");

        var span = activities.Single();
        Assert.That(span.GetTagItem("gen_ai.operation.name"), Is.EqualTo("chat"));
        Assert.That(span.GetTagItem("gen_ai.provider.name"), Is.EqualTo("aimlapi"));
        Assert.That(span.GetTagItem("gen_ai.request.model"), Is.EqualTo("google/gemini-2.5-flash"));
        Assert.That(span.GetTagItem("gen_ai.response.id"), Is.EqualTo(response.ResponseId));
        Assert.That(span.GetTagItem("gen_ai.usage.input_tokens"), Is.EqualTo(12));
        Assert.That(span.GetTagItem("gen_ai.usage.output_tokens"), Is.EqualTo(40));
        Assert.That(span.GetTagItem("gen_ai.response.finish_reasons")?.ToString(), Does.Contain("stop"));
        Assert.That(span.GetTagItem("server.address"), Is.EqualTo("127.0.0.1"));
    }

    [Test]
    public void UseOpenTelemetry_WhenTheCallFails_RecordsTheErrorType()
    {
        const string Source = "Gemini.Generated.Extensions.Tests.OpenTelemetry.Errors";
        var activities = new List<Activity>();
        using var listener = Listen(Source, activities);
        Server.Enqueue(FakeReply.Error(500, "Upstream failed"));
        using var chat = CreateClient().AsIChatClient().AsBuilder().UseOpenTelemetry(sourceName: Source).Build();

        Assert.ThrowsAsync<AimlApiException>(() => chat.GetResponseAsync("Hi"));

        Assert.That(activities.Single().GetTagItem("error.type"), Is.EqualTo(typeof(AimlApiException).FullName));
    }

    private static ActivityListener Listen(string source, List<Activity> stopped)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = candidate => candidate.Name == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
