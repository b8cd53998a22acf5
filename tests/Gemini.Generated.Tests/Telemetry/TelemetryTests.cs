using System;
using System.Linq;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Reliability;
using Gemini.Generated.Tests.Support;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated.Tests.Telemetry;

/// <summary>What an ActivityListener, a MeterListener and a logger see of calls to the fake server.</summary>
public class TelemetryTests : FakeServerTestBase
{
    private const string ApiKey = "sk-telemetry-5e2b8c41-SECRET-90af";
    private const string Prompt = "PROMPT-81c3: what is the capital of France?";
    private const string Answer = "ANSWER-4d7e: Paris.";

    private TelemetryRecorder _telemetry = null!;

    [SetUp]
    public void Listen() => _telemetry = new TelemetryRecorder(Server.Url);

    [TearDown]
    public void StopListening() => _telemetry.Dispose();

    [Test]
    public async Task Complete_RecordsAChatSpanWithTheRequestResponseUsageAndCost()
    {
        Server.Enqueue(FakeReply.Completion(Answer).WithUsage(12, 40, reasoningTokens: 35).WithCost(120, 0.0012m).WithInferenceId("inf-42"));
        var request = new ChatCompletionRequest(ChatMessage.User(Prompt))
        {
            Temperature = 0.5,
            TopP = 0.9,
            FrequencyPenalty = 0.1,
            PresencePenalty = 0.2,
            Seed = 7,
            Stop = new StopSequences(new[] { "END", "STOP" }),
            MaxCompletionTokens = 2000,
        };

        var completion = await CreateClient().CompleteAsync(request, new ChatRequestOptions { ClientRequestId = "req-7" });

        var span = _telemetry.Span;
        Assert.That(span.Source.Name, Is.EqualTo("Gemini.Generated"));
        Assert.That(span.DisplayName, Is.EqualTo("chat google/gemini-2.5-flash"));
        Assert.That(span.Kind, Is.EqualTo(System.Diagnostics.ActivityKind.Client));
        Assert.That(span.Status, Is.Not.EqualTo(System.Diagnostics.ActivityStatusCode.Error));
        Assert.That(span.GetTagItem("gen_ai.operation.name"), Is.EqualTo("chat"));
        Assert.That(span.GetTagItem("gen_ai.provider.name"), Is.EqualTo("aimlapi"));
        Assert.That(span.GetTagItem("gen_ai.request.model"), Is.EqualTo("google/gemini-2.5-flash"));
        Assert.That(span.GetTagItem("gen_ai.request.max_tokens"), Is.EqualTo(2000));
        Assert.That(span.GetTagItem("gen_ai.request.temperature"), Is.EqualTo(0.5));
        Assert.That(span.GetTagItem("gen_ai.request.top_p"), Is.EqualTo(0.9));
        Assert.That(span.GetTagItem("gen_ai.request.frequency_penalty"), Is.EqualTo(0.1));
        Assert.That(span.GetTagItem("gen_ai.request.presence_penalty"), Is.EqualTo(0.2));
        Assert.That(span.GetTagItem("gen_ai.request.seed"), Is.EqualTo(7));
        Assert.That(span.GetTagItem("gen_ai.request.stop_sequences"), Is.EqualTo(new[] { "END", "STOP" }));
        Assert.That(span.GetTagItem("gen_ai.request.choice.count"), Is.Null, "only when it is not 1");
        Assert.That(span.GetTagItem("gen_ai.output.type"), Is.Null, "only when the request sets a format");
        Assert.That(span.GetTagItem("gen_ai.response.id"), Is.EqualTo(completion.Id).And.Not.Null);
        Assert.That(span.GetTagItem("gen_ai.response.model"), Is.EqualTo("google/gemini-2.5-flash"));
        Assert.That(span.GetTagItem("gen_ai.response.finish_reasons"), Is.EqualTo(new[] { "stop" }));
        Assert.That(span.GetTagItem("gen_ai.usage.input_tokens"), Is.EqualTo(12));
        Assert.That(span.GetTagItem("gen_ai.usage.output_tokens"), Is.EqualTo(40));
        Assert.That(span.GetTagItem("gen_ai.usage.reasoning.output_tokens"), Is.EqualTo(35));
        Assert.That(span.GetTagItem("server.address"), Is.EqualTo("127.0.0.1"));
        Assert.That(span.GetTagItem("server.port"), Is.EqualTo(Server.Url.Port));
        Assert.That(span.GetTagItem("aimlapi.usage.usd_spent"), Is.EqualTo(0.0012));
        Assert.That(span.GetTagItem("aimlapi.usage.credits_used"), Is.EqualTo(120.0));
        Assert.That(span.GetTagItem("aimlapi.inference_id"), Is.EqualTo("inf-42"));
        Assert.That(span.GetTagItem("aimlapi.client_request_id"), Is.EqualTo("req-7"));
        Assert.That(span.GetTagItem("aimlapi.request.stream"), Is.EqualTo(false));
        Assert.That(span.GetTagItem("aimlapi.attempts"), Is.EqualTo(1));
        Assert.That(span.GetTagItem("error.type"), Is.Null);
    }

    [Test]
    public async Task Complete_RecordsDurationTokenReasoningAndCostMetrics()
    {
        Server.Enqueue(FakeReply.Completion(Answer).WithUsage(12, 40, reasoningTokens: 35).WithCost(120, 0.0012m));

        await CreateClient().CompleteAsync(Prompt);

        var duration = _telemetry.Measurements("gen_ai.client.operation.duration").Single();
        Assert.That(duration.Instrument.Unit, Is.EqualTo("s"));
        Assert.That(duration.Value, Is.GreaterThan(0));
        Assert.That(duration.Tags["gen_ai.operation.name"], Is.EqualTo("chat"));
        Assert.That(duration.Tags["gen_ai.provider.name"], Is.EqualTo("aimlapi"));
        Assert.That(duration.Tags["gen_ai.request.model"], Is.EqualTo("google/gemini-2.5-flash"));
        Assert.That(duration.Tags["gen_ai.response.model"], Is.EqualTo("google/gemini-2.5-flash"));
        Assert.That(duration.Tags["server.address"], Is.EqualTo("127.0.0.1"));
        Assert.That(duration.Tags.ContainsKey("error.type"), Is.False);
        var tokens = _telemetry.Measurements("gen_ai.client.token.usage");
        Assert.That(tokens.Select(t => t.Instrument.Unit).Distinct(), Is.EqualTo(new[] { "{token}" }));
        Assert.That(tokens.ToDictionary(t => t.Tags["gen_ai.token.type"]!, t => t.Value), Is.EquivalentTo(new System.Collections.Generic.Dictionary<object, double> { ["input"] = 12, ["output"] = 40 }));
        Assert.That(_telemetry.Measurements("aimlapi.client.token.reasoning").Single().Value, Is.EqualTo(35));
        Assert.That(_telemetry.Measurements("aimlapi.client.cost").Single().Value, Is.EqualTo(0.0012).Within(1e-12));
        Assert.That(_telemetry.Measurements("aimlapi.client.cost").Single().Instrument.Unit, Is.EqualTo("{USD}"));
        Assert.That(_telemetry.Measurements("aimlapi.client.credits").Single().Value, Is.EqualTo(120));
        Assert.That(_telemetry.Measurements("gen_ai.client.operation.time_to_first_chunk"), Is.Empty, "streams only");
    }

    [Test]
    public void DurationHistograms_CarryTheConventionsBucketAdvice()
    {
        var advice = typeof(OpenTelemetryObserver).GetField("Duration", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .GetValue(null) as System.Diagnostics.Metrics.Histogram<double>;

        Assert.That(advice!.Advice!.HistogramBucketBoundaries, Is.EqualTo(new[] { 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92 }));
    }

    [Test]
    public async Task Stream_RecordsTimeToFirstChunkAndTheFinalChunksUsage()
    {
        Server.Enqueue(FakeReply.Completion("Paris is the capital.").WithUsage(9, 30, reasoningTokens: 20).WithCost(50, 0.0005m));

        var stream = CreateClient().CompleteStreamingAsync(Prompt);
        var chunks = 0;
        await foreach (var _ in stream)
        {
            chunks++;
            Assert.That(_telemetry.Measurements("gen_ai.client.operation.time_to_first_chunk"), Has.Count.EqualTo(1), "recorded before the first chunk reaches the caller");
        }

        Assert.That(chunks, Is.GreaterThan(1));
        var firstChunk = _telemetry.Measurements("gen_ai.client.operation.time_to_first_chunk").Single();
        Assert.That(firstChunk.Instrument.Unit, Is.EqualTo("s"));
        Assert.That(firstChunk.Value, Is.GreaterThan(0).And.LessThanOrEqualTo(_telemetry.Measurements("gen_ai.client.operation.duration").Single().Value));
        var span = _telemetry.Span;
        Assert.That(span.GetTagItem("aimlapi.request.stream"), Is.EqualTo(true));
        Assert.That(span.GetTagItem("gen_ai.usage.input_tokens"), Is.EqualTo(9));
        Assert.That(span.GetTagItem("gen_ai.usage.output_tokens"), Is.EqualTo(30));
        Assert.That(span.GetTagItem("gen_ai.response.finish_reasons"), Is.EqualTo(new[] { "stop" }));
        Assert.That(span.GetTagItem("aimlapi.usage.usd_spent"), Is.EqualTo(0.0005));
    }

    [Test]
    public async Task Stream_LeftEarly_EndsTheSpanWithoutAnError()
    {
        Server.Enqueue(FakeReply.Completion("one two three four five"));

        await foreach (var _ in CreateClient().CompleteStreamingAsync(Prompt))
        {
            break;
        }

        Assert.That(_telemetry.Span.GetTagItem("error.type"), Is.Null);
        Assert.That(_telemetry.Measurements("gen_ai.client.operation.duration"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task RetriedCall_RecordsARetryEventPerRetry()
    {
        Server.Enqueue(FakeReply.Error(503, "Busy."), FakeReply.Completion(Answer));

        await CreateClient(o => o.RetryPolicy = new RetryPolicy { MaxRetries = 2, InitialBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(1) })
            .CompleteAsync(Prompt);

        var span = _telemetry.Span;
        var retry = span.Events.Single();
        Assert.That(retry.Name, Is.EqualTo("aimlapi.retry"));
        var tags = retry.Tags.ToDictionary(t => t.Key, t => t.Value);
        Assert.That(tags["aimlapi.attempt"], Is.EqualTo(1));
        Assert.That(tags["http.response.status_code"], Is.EqualTo(503));
        Assert.That(tags["error.type"], Is.EqualTo("Gemini.Generated.AimlApiException"));
        Assert.That(tags["aimlapi.retry.delay"], Is.TypeOf<double>().And.GreaterThanOrEqualTo(0));
        Assert.That(span.GetTagItem("aimlapi.attempts"), Is.EqualTo(2));
        Assert.That(span.GetTagItem("error.type"), Is.Null);
    }

    [Test]
    public void FailedCall_RecordsTheErrorTypeOnTheSpanAndTheDuration()
    {
        Server.Enqueue(FakeReply.Error(400, "Body validation error"));

        Assert.ThrowsAsync<AimlApiException>(() => CreateClient().CompleteAsync(Prompt));

        var span = _telemetry.Span;
        Assert.That(span.GetTagItem("error.type"), Is.EqualTo("Gemini.Generated.AimlApiException"));
        Assert.That(span.Status, Is.EqualTo(System.Diagnostics.ActivityStatusCode.Error));
        Assert.That(span.Events, Is.Empty, "a failure that is not retried is no retry");
        Assert.That(_telemetry.Measurements("gen_ai.client.operation.duration").Single().Tags["error.type"], Is.EqualTo("Gemini.Generated.AimlApiException"));
        Assert.That(_telemetry.Measurements("gen_ai.client.token.usage"), Is.Empty);
    }

    [Test]
    public void FailedStream_RecordsTheStreamErrorAndThePartialUsage()
    {
        Server.Enqueue(FakeReply.Completion("partial answer").ThenStreamError("Upstream failed"));

        Assert.ThrowsAsync<GeminiStreamException>(async () =>
        {
            await foreach (var _ in CreateClient().CompleteStreamingAsync(Prompt))
            {
            }
        });

        Assert.That(_telemetry.Span.GetTagItem("error.type"), Is.EqualTo("Gemini.Generated.GeminiStreamException"));
        Assert.That(_telemetry.Measurements("gen_ai.client.operation.time_to_first_chunk"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task RequestTags_TakeMaxTokensWhenNoMaxCompletionTokensAndTheChoiceCountWhenNotOne()
    {
        Server.Enqueue(FakeReply.Completion(Answer));
        var request = new ChatCompletionRequest(ChatMessage.User(Prompt)) { MaxTokens = 300, N = 2 };

        await CreateClient().CompleteAsync(request);

        Assert.That(_telemetry.Span.GetTagItem("gen_ai.request.max_tokens"), Is.EqualTo(300));
        Assert.That(_telemetry.Span.GetTagItem("gen_ai.request.choice.count"), Is.EqualTo(2));
    }

    [TestCase("text", "text")]
    [TestCase("json_object", "json")]
    [TestCase("json_schema", "json")]
    public async Task OutputType_IsTextOrJsonByTheRequestsFormat(string format, string outputType)
    {
        Server.Enqueue(FakeReply.Completion("{}"));
        var request = new ChatCompletionRequest(ChatMessage.User(Prompt))
        {
            ResponseFormat = format switch
            {
                "text" => new TextResponseFormat(),
                "json_object" => new JsonObjectResponseFormat(),
                _ => new JsonSchemaResponseFormat { JsonSchema = new JsonSchemaDefinition { Name = "answer" } },
            },
        };

        await CreateClient().CompleteAsync(request);

        Assert.That(_telemetry.Span.GetTagItem("gen_ai.output.type"), Is.EqualTo(outputType));
    }

    [Test]
    public async Task MessageContent_ByDefault_IsNotCaptured()
    {
        Server.Enqueue(FakeReply.Completion(Answer));

        await CreateClient(o => o.Telemetry.CaptureMessageContent = null).CompleteAsync(Prompt);

        var span = _telemetry.Span;
        Assert.That(span.GetTagItem("gen_ai.input.messages"), Is.Null);
        Assert.That(span.GetTagItem("gen_ai.output.messages"), Is.Null);
        Assert.That(span.TagObjects.Select(t => t.Value?.ToString()), Has.None.Contains("PROMPT-81c3").And.None.Contains("ANSWER-4d7e"));
    }

    [Test]
    public async Task MessageContent_WhenOptedIn_IsCapturedByTheConventionsSchema()
    {
        Server.Enqueue(FakeReply.ToolCall("get_weather", """{"city":"Paris"}""", "call_1"));
        var request = new ChatCompletionRequest(ChatMessage.System("Be brief."), ChatMessage.User(Prompt));

        await CreateClient(o => o.Telemetry.CaptureMessageContent = true).CompleteAsync(request);

        var input = JArray.Parse((string)_telemetry.Span.GetTagItem("gen_ai.input.messages")!);
        Assert.That(input.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo(
            $$"""[{"role":"system","parts":[{"type":"text","content":"Be brief."}]},{"role":"user","parts":[{"type":"text","content":"{{Prompt}}"}]}]"""));
        var output = JArray.Parse((string)_telemetry.Span.GetTagItem("gen_ai.output.messages")!);
        Assert.That(output.ToString(Newtonsoft.Json.Formatting.None), Is.EqualTo(
            """[{"role":"assistant","parts":[{"type":"tool_call","id":"call_1","name":"get_weather","arguments":{"city":"Paris"}}],"finish_reason":"tool_calls"}]"""));
    }

    [Test]
    public async Task MessageContent_WhenCaptured_NeverShowsTheKey()
    {
        Server.Enqueue(FakeReply.Completion(Answer));

        await CreateClient(o => o.Telemetry.CaptureMessageContent = true).CompleteAsync($"My key is {ApiKey}");

        Assert.That((string)_telemetry.Span.GetTagItem("gen_ai.input.messages")!, Does.Contain("[REDACTED]").And.Not.Contain(ApiKey));
    }

    [TestCase(null, null, false)]
    [TestCase(null, "true", true)]
    [TestCase(null, "TRUE", true)]
    [TestCase(null, "1", false)]
    [TestCase(false, "true", false)]
    [TestCase(true, null, true)]
    public void CaptureMessageContent_TheOptionWins_ElseTheEnvironmentVariable(bool? option, string? variable, bool captured)
    {
        var options = new GeminiTelemetryOptions { CaptureMessageContent = option };

        var result = options.ShouldCaptureMessageContent(name => name == "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT" ? variable : null);

        Assert.That(result, Is.EqualTo(captured));
    }

    [Test]
    public void TelemetryOptions_AreCopiedWithTheClientsOptions()
    {
        var options = new GeminiClientOptions { Telemetry = { CaptureMessageContent = true } };

        var copy = options.Clone();
        options.Telemetry.CaptureMessageContent = false;

        Assert.That(copy.Telemetry.CaptureMessageContent, Is.True);
        Assert.That(copy.ToString(), Does.Contain("CaptureMessageContent = True"));
    }

    [Test]
    public void TelemetryOptions_WhenNull_AreRejectedByName()
    {
        var error = Assert.Throws<ArgumentNullException>(() => Server.CreateClient(o => o.Telemetry = null!))!;

        Assert.That(error.ParamName, Is.EqualTo("Telemetry"));
    }

    [Test]
    public async Task Logger_WritesOneSummaryLinePerCall_WithTokensAndCost()
    {
        Server.Enqueue(FakeReply.Completion(Answer).WithUsage(12, 40, reasoningTokens: 35).WithCost(120, 0.0012m).WithInferenceId("inf-42"));
        var logger = new CapturingLogger();

        await CreateClient(o => o.Logger = logger).CompleteAsync(Prompt);

        var entries = logger.Entries;
        Assert.That(entries.Select(e => e.EventId.Id), Is.EqualTo(new[] { 1, 3 }), "the attempt, then the call");
        Assert.That(entries[0].EventId, Is.EqualTo(GeminiEventIds.AttemptSucceeded));
        var summary = entries[1];
        Assert.That(summary.EventId, Is.EqualTo(GeminiEventIds.CallCompleted));
        Assert.That(summary.EventId.Name, Is.EqualTo("CallCompleted"));
        Assert.That(summary.Level, Is.EqualTo(LogLevel.Information));
        Assert.That(summary.Fields["Model"], Is.EqualTo("google/gemini-2.5-flash"));
        Assert.That(summary.Fields["FinishReason"], Is.EqualTo("stop"));
        Assert.That(summary.Fields["InputTokens"], Is.EqualTo(12));
        Assert.That(summary.Fields["OutputTokens"], Is.EqualTo(40));
        Assert.That(summary.Fields["ReasoningTokens"], Is.EqualTo(35));
        Assert.That(summary.Fields["UsdSpent"], Is.EqualTo(0.0012m));
        Assert.That(summary.Fields["CreditsUsed"], Is.EqualTo(120m));
        Assert.That(summary.Fields["Attempts"], Is.EqualTo(1));
        Assert.That(summary.Fields["InferenceId"], Is.EqualTo("inf-42"));
        Assert.That(summary.Message, Does.Contain("12 input and 40 output tokens").And.Contain("0.0012"));
    }

    [Test]
    public void Logger_WhenTheCallFails_WritesTheFailureLine()
    {
        Server.Enqueue(FakeReply.Error(400, "Body validation error"));
        var logger = new CapturingLogger();

        Assert.ThrowsAsync<AimlApiException>(() => CreateClient(o => o.Logger = logger).CompleteAsync(Prompt));

        var summary = logger.Entries.Last();
        Assert.That(summary.EventId, Is.EqualTo(GeminiEventIds.CallFailed));
        Assert.That(summary.Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(summary.Fields["Error"], Is.EqualTo("AimlApiException"));
        Assert.That(summary.Fields["StatusCode"], Is.EqualTo(400));
        Assert.That(logger.Entries.Count(e => e.EventId.Id is 3 or 4), Is.EqualTo(1));
    }

    [Test]
    public async Task Logger_WhenMessagesAreCaptured_StillNeverShowsThePromptTheAnswerOrTheKey()
    {
        Server.Enqueue(FakeReply.Error(503, $"Echo: {Prompt} {ApiKey}"), FakeReply.Completion(Answer));
        var logger = new CapturingLogger();
        var client = CreateClient(o =>
        {
            o.Logger = logger;
            o.Telemetry.CaptureMessageContent = true;
            o.RetryPolicy = new RetryPolicy { InitialBackoff = TimeSpan.Zero, MaxBackoff = TimeSpan.Zero };
        });

        await client.CompleteAsync(Prompt);
        await foreach (var _ in client.CompleteStreamingAsync(Prompt))
        {
        }

        Assert.That(logger.Entries.Select(e => e.EventId.Id), Is.EqualTo(new[] { 2, 1, 3, 1, 3 }));
        Assert.That(logger.Entries.Select(e => e.AllText), Has.None.Contains("PROMPT-81c3").And.None.Contains("ANSWER-4d7e").And.None.Contains(ApiKey));
    }

    private new GeminiClient CreateClient(Action<GeminiClientOptions>? configure = null) =>
        base.CreateClient(options =>
        {
            options.ApiKey = ApiKey;
            configure?.Invoke(options);
        });
}
