using System.Threading.Tasks;

namespace Gemini.Generated.Tests.Streaming;

/// <summary>The exact words of a stream's failures, and of reading a stream twice or after it failed.</summary>
public class StreamFailureMessageTests
{
    private const string PartialHint = " The partial completion is in GeminiStreamException.Partial.";

    [Test]
    public void AnEventThatIsNotAChunk_SaysAfterHowManyChunksAndWhy()
    {
        var error = Assert.ThrowsAsync<GeminiStreamException>(() => StreamingKit.StreamAsync(Sse.Content("Hi"), "data: {\"id\":\n\n"))!;

        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.InvalidEvent));
        Assert.That(error.Message, Does.StartWith("An event after 1 chunks is not a chunk the SDK can read: ").And.EndWith(PartialHint));
        Assert.That(error.Partial!.Text, Is.EqualTo("Hi"));
    }

    [Test]
    public void AStreamThatJustStops_SaysTheAnswerMayBeCutShort()
    {
        var error = Assert.ThrowsAsync<GeminiStreamException>(() => StreamingKit.StreamAsync(Sse.Content("Hi"), Sse.Content(" there")))!;

        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.Incomplete));
        Assert.That(error.Message, Is.EqualTo("The stream ended after 2 chunks without [DONE] or a finish reason; the answer may be cut short." + PartialHint));
        Assert.That(error.Partial!.Text, Is.EqualTo("Hi there"));
    }

    [Test]
    public void AnErrorEvent_SaysAfterHowManyChunksAndGivesTheServicesMessage()
    {
        var error = Assert.ThrowsAsync<GeminiStreamException>(() => StreamingKit.StreamAsync(
            Sse.Content("Hi"), "event: error\ndata: {\"message\":\"Overloaded\",\"statusCode\":503}\n\n"))!;

        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.ServiceError));
        Assert.That(error.Message, Is.EqualTo("The service sent an error after 1 chunks: Overloaded" + PartialHint));
    }

    [Test]
    public async Task AFailedStream_CannotBeReadAgainOrGiveACompletion_AndSaysWhy()
    {
        await using var server = StreamingKit.Serve(Sse.Content("Hi"));
        var stream = TestClient.Create(server.Url, StreamingKit.Configure).CompleteStreamingAsync("Hi");

        Assert.ThrowsAsync<GeminiStreamException>(() => stream.ReadAllAsync());

        Assert.That(() => stream.GetCompletionAsync(), Throws.InvalidOperationException.With.Message.EqualTo(
            "The stream was already read and did not complete, so there is no completion; see the GeminiStreamException it threw."));
        Assert.That(() => stream.GetAsyncEnumerator(), Throws.InvalidOperationException.With.Message.EqualTo(
            "A ChatStream can be enumerated once; use Completion or Accumulator for what it received."));
        Assert.That(stream.Accumulator.Text, Is.EqualTo("Hi"));
    }
}
