using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using Gemini.Generated.Tests.Reliability;
using Gemini.Generated.Tests.Telemetry;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>
/// The logging and OpenTelemetry observers driven directly, without a client: where the attempt count and the model come
/// from, the duration's unit, and the tags a sparse completion leaves off; the captured message content of rarer shapes.
/// </summary>
public class TelemetrySurvivorTests
{
    private const string RequestModel = "google/gemini-2.5-flash";
    private const string ResponseModel = "google/gemini-2.5-flash-001";
    private static readonly Redactor NoKey = new(null);

    [Test]
    public void SecondsSince_ATimestampInThePast_IsTheSecondsElapsed()
    {
        var now = Stopwatch.GetTimestamp();

        var tenSecondsAgo = GeminiTelemetry.SecondsSince(now - (10 * Stopwatch.Frequency));
        var anHourAgo = GeminiTelemetry.SecondsSince(now - (3600 * Stopwatch.Frequency));

        Assert.That(tenSecondsAgo, Is.GreaterThanOrEqualTo(10).And.LessThan(10 + 86400));
        Assert.That(anHourAgo, Is.GreaterThanOrEqualTo(3600).And.LessThan(3600 + 86400));
        Assert.That(anHourAgo - tenSecondsAgo, Is.GreaterThanOrEqualTo(3590), "an older timestamp is further in the past");
    }

    [Test]
    public void Log_WithoutAttemptReports_TakesTheAttemptsFromTheResponse()
    {
        var logger = new CapturingLogger();
        var observation = new LoggingObserver(logger).StartCall(Request(), false, null)!;

        observation.Ended(Completion(attempts: 3), null);

        Assert.That(Summary(logger).Fields["Attempts"], Is.EqualTo(3));
    }

    [Test]
    public void Log_WithoutAttemptReportsOrAResponse_SaysZeroAttempts()
    {
        var logger = new CapturingLogger();
        var observation = new LoggingObserver(logger).StartCall(Request(), false, null)!;

        observation.Ended(Completion(attempts: null), null);

        Assert.That(Summary(logger).Fields["Attempts"], Is.EqualTo(0));
    }

    [Test]
    public void Log_WithAttemptReports_CountsThemRatherThanTheResponsesCount()
    {
        var logger = new CapturingLogger();
        var observation = new LoggingObserver(logger).StartCall(Request(), false, null)!;

        observation.AttemptEnded(new GeminiAttempt(2, 200, null, TimeSpan.Zero, null, null));
        observation.Ended(Completion(attempts: 5), null);

        Assert.That(Summary(logger).Fields["Attempts"], Is.EqualTo(2));
    }

    [Test]
    public void Log_NamesTheModelTheResponseNames_ElseTheRequestedOne()
    {
        var logger = new CapturingLogger();
        var observer = new LoggingObserver(logger);

        observer.StartCall(Request(), false, null)!.Ended(Completion(attempts: 1), null);
        observer.StartCall(Request(), false, null)!.Ended(null, new GeminiException("down"));

        var models = logger.Entries.Where(e => e.EventId == GeminiEventIds.CallCompleted || e.EventId == GeminiEventIds.CallFailed)
            .Select(e => e.Fields["Model"]);
        Assert.That(models, Is.EqualTo(new[] { ResponseModel, RequestModel }));
    }

    [Test]
    public void Log_TheDurationIsInMilliseconds()
    {
        var logger = new CapturingLogger();
        var observation = new LoggingObserver(logger).StartCall(Request(), false, null)!;
        StartedSecondsAgo(observation, 10);

        observation.Ended(Completion(attempts: 1), null);

        Assert.That((long)Summary(logger).Fields["DurationMs"]!, Is.GreaterThanOrEqualTo(10_000).And.LessThan(10_000 + 86_400_000));
    }

    [Test]
    public void Span_WithoutAttemptReports_TakesTheAttemptsFromTheResponse()
    {
        var span = RecordSpan(1, observation => observation.Ended(Completion(attempts: 3), null));

        Assert.That(span.GetTagItem("aimlapi.attempts"), Is.EqualTo(3));
    }

    [Test]
    public void Span_WithAttemptReports_CountsThemRatherThanTheResponsesCount()
    {
        var span = RecordSpan(2, observation =>
        {
            observation.AttemptEnded(new GeminiAttempt(2, 200, null, TimeSpan.Zero, null, null));
            observation.Ended(Completion(attempts: 5), null);
        });

        Assert.That(span.GetTagItem("aimlapi.attempts"), Is.EqualTo(2));
    }

    [Test]
    public void Span_ForARequestWithoutAModel_IsNamedChatWithAnEmptyModel()
    {
        var request = Request();
        request.Model = null;

        var span = RecordSpan(3, observation => observation.Ended(null, new GeminiException("down")), request);

        Assert.That(span.DisplayName, Is.EqualTo("chat "));
        Assert.That(span.GetTagItem("gen_ai.request.model"), Is.EqualTo(string.Empty));
    }

    [Test]
    public void Span_MaxTokens_IsMaxCompletionTokensWhenBothAreSet()
    {
        var request = Request();
        request.MaxCompletionTokens = 100;
        request.MaxTokens = 50;

        var span = RecordSpan(4, observation => observation.Ended(null, new GeminiException("down")), request);

        Assert.That(span.GetTagItem("gen_ai.request.max_tokens"), Is.EqualTo(100));
    }

    [Test]
    public void Span_ForACompletionWithoutChoices_HasNoOutputMessagesOrFinishReasons()
    {
        var completion = Completion(attempts: 1);
        completion.Choices = new List<ChatChoice>();

        var span = RecordSpan(5, observation => observation.Ended(completion, null));

        Assert.That(span.GetTagItem("gen_ai.response.model"), Is.EqualTo(ResponseModel));
        Assert.That(span.GetTagItem("gen_ai.output.messages"), Is.Null);
        Assert.That(span.GetTagItem("gen_ai.response.finish_reasons"), Is.Null);
    }

    [Test]
    public void Span_ForChoicesWithoutAFinishReason_HasNoFinishReasons()
    {
        var completion = Completion(attempts: 1, finishReason: null);

        var span = RecordSpan(6, observation => observation.Ended(completion, null));

        Assert.That(span.GetTagItem("gen_ai.output.messages"), Is.Not.Null);
        Assert.That(span.GetTagItem("gen_ai.response.finish_reasons"), Is.Null);
    }

    [Test]
    public void Output_KeepsTheRoleTheServiceSent()
    {
        var completion = Completion(attempts: 1, role: "tool");

        Assert.That(MessageContent.Output(completion, NoKey), Is.EqualTo(
            """[{"role":"tool","parts":[{"type":"text","content":"Paris."}],"finish_reason":"stop"}]"""));
    }

    [Test]
    public void Input_APartOfATypeOutsideTheSdk_IsRecordedByItsClassName()
    {
        var user = ChatMessage.User(new CustomPart());

        Assert.That(MessageContent.Input(new[] { user }, NoKey), Is.EqualTo("""[{"role":"user","parts":[{"type":"CustomPart"}]}]"""));
    }

    [Test]
    public void Input_AnHttpsUrlContainingTheBase64Marker_IsAUriNotABlob()
    {
        var user = ChatMessage.User(ChatContentPart.Image(new Uri("https://example.com/a;base64,b.png")), new ImageContentPart());

        Assert.That(MessageContent.Input(new[] { user }, NoKey), Is.EqualTo(
            """[{"role":"user","parts":[{"type":"uri","modality":"image","uri":"https://example.com/a;base64,b.png"},""" +
            """{"type":"uri","modality":"image","uri":null}]}]"""));
    }

    [Test]
    public void Input_ToolCallArgumentsThatLookLikeDates_AreRecordedAsSent()
    {
        var assistant = new AssistantMessage
        {
            ToolCalls = new List<ChatToolCall>
            {
                new() { Id = "call_1", Type = "function", Function = new FunctionCall { Name = "book", Arguments = """{"when":"2024-01-01T00:00:00.000Z"}""" } },
            },
        };

        Assert.That(MessageContent.Input(new[] { assistant }, NoKey), Is.EqualTo(
            """[{"role":"assistant","parts":[{"type":"tool_call","id":"call_1","name":"book","arguments":{"when":"2024-01-01T00:00:00.000Z"}}]}]"""));
    }

    private static ChatCompletionRequest Request() => new(ChatMessage.User("Hi")) { Model = RequestModel };

    private static ChatCompletion Completion(int? attempts, string? finishReason = "stop", string role = "assistant")
    {
        var body = new JObject
        {
            ["id"] = "c1",
            ["object"] = "chat.completion",
            ["created"] = 1,
            ["model"] = ResponseModel,
            ["choices"] = new JArray(new JObject
            {
                ["index"] = 0,
                ["message"] = new JObject { ["role"] = role, ["content"] = "Paris." },
                ["finish_reason"] = finishReason,
            }),
        };
        var completion = JsonConvert.DeserializeObject<ChatCompletion>(body.ToString(), GeminiJson.Settings)!;
        if (attempts is { } count)
        {
            completion.ResponseInfo = new ResponseInfo(200, new Dictionary<string, IEnumerable<string>>(), count);
        }

        return completion;
    }

    private static CapturingLogger.Entry Summary(CapturingLogger logger) =>
        logger.Entries.Single(e => e.EventId == GeminiEventIds.CallCompleted);

    /// <summary>Records one observation's span. Each test gives its own port (below 1024, which no fake server gets).</summary>
    private static Activity RecordSpan(int port, Action<CallObservation> observe, ChatCompletionRequest? request = null)
    {
        var server = new Uri($"http://127.0.0.1:{port}");
        using var recorder = new TelemetryRecorder(server);
        var observer = new OpenTelemetryObserver(server, captureMessages: true, NoKey);

        observe(observer.StartCall(request ?? Request(), false, null)!);

        return recorder.Span;
    }

    /// <summary>Moves an observation's start back, as if the call had run that long (the observers time with Stopwatch).</summary>
    private static void StartedSecondsAgo(CallObservation observation, int seconds)
    {
        var started = observation.GetType().GetField("_started", BindingFlags.NonPublic | BindingFlags.Instance)!;
        started.SetValue(observation, Stopwatch.GetTimestamp() - (seconds * Stopwatch.Frequency));
    }

    private sealed class CustomPart : ChatContentPart
    {
    }
}
