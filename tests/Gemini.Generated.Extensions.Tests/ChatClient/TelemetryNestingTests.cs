using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Gemini.Generated.Extensions.Tests.Support;
using Gemini.Generated.Testing;
using Microsoft.Extensions.AI;

namespace Gemini.Generated.Extensions.Tests.ChatClient;

/// <summary>Under Microsoft.Extensions.AI's UseOpenTelemetry, the SDK's own span is a child of the pipeline's span.</summary>
public class TelemetryNestingTests : FakeServerTest
{
    private const string PipelineSource = "Gemini.Generated.Extensions.Tests.Nesting";

    [Test]
    public async Task UseOpenTelemetry_NestsTheSdksSpanUnderThePipelinesSpan()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = Listen(spans);
        Server.Enqueue(FakeReply.Completion("Paris.").WithUsage(12, 40));
        using var chat = CreateClient().AsIChatClient().AsBuilder().UseOpenTelemetry(sourceName: PipelineSource).Build();

        await chat.GetResponseAsync("Capital of France?");

        AssertNested(spans);
    }

    [Test]
    public async Task UseOpenTelemetry_WhenStreaming_NestsTheSdksSpanUnderThePipelinesSpan()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = Listen(spans);
        Server.Enqueue(FakeReply.Completion("Paris is the capital."));
        using var chat = CreateClient().AsIChatClient().AsBuilder().UseOpenTelemetry(sourceName: PipelineSource).Build();

        await chat.GetStreamingResponseAsync("Capital of France?").ToChatResponseAsync();

        AssertNested(spans);
    }

    private void AssertNested(ConcurrentQueue<Activity> spans)
    {
        var pipeline = spans.Single(s => s.Source.Name == PipelineSource);
        var sdk = spans.Single(s => s.Source.Name == GeminiTelemetry.ActivitySourceName && Equals(s.GetTagItem("server.port"), Server.Url.Port));
        Assert.That(sdk.ParentSpanId, Is.EqualTo(pipeline.SpanId));
        Assert.That(sdk.TraceId, Is.EqualTo(pipeline.TraceId));
        Assert.That(sdk.DisplayName, Is.EqualTo("chat google/gemini-2.5-flash"));
        Assert.That(sdk.GetTagItem("gen_ai.provider.name"), Is.EqualTo(pipeline.GetTagItem("gen_ai.provider.name")));
    }

    private static ActivityListener Listen(ConcurrentQueue<Activity> stopped)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is PipelineSource or GeminiTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
