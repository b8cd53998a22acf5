using System;
using System.Text;
using System.Threading.Tasks;
using Gemini.Generated.Tests.Reliability;
using Gemini.Generated.Tests.Streaming;
using Gemini.Generated.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>
/// How a stream reads its events and says why it stopped: the words of an idle or oversized stream, a stream answered
/// with a JSON completion (or with JSON that is none), events that look like errors and are not, and a stream made for mocking.
/// </summary>
public class StreamReadingTests
{
    private const string PartialHint = " The partial completion is in GeminiStreamException.Partial.";

    [Test]
    public async Task AStalledStream_SaysHowLongItWaitedAndAfterHowManyBytes()
    {
        await using var server = new HeldStreamServer(sendHead: true, Sse.Content("Hel"));
        var time = new FakeTimeProvider();
        var stream = TestClient.Create(server.Url, StreamingKit.Configure, o =>
        {
            o.StreamIdleTimeout = TimeSpan.FromSeconds(1.5);
            o.TimeProvider = time;
        }).CompleteStreamingAsync("Hi");
        await using var chunks = stream.GetAsyncEnumerator();
        Assert.That(await chunks.MoveNextAsync().AsTask().Within(), Is.True, "the first event arrives before the fake clock moves");

        var error = Assert.ThrowsAsync<GeminiStreamException>(() => FakeClock.RunAsync(time, chunks.MoveNextAsync().AsTask(), TimeSpan.FromSeconds(1)).Within())!;

        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.IdleTimeout));
        Assert.That(error.Message, Is.EqualTo(
            $"No data for 1.5 s (GeminiClientOptions.StreamIdleTimeout) after {Encoding.UTF8.GetByteCount(Sse.Content("Hel"))} bytes; the stream was abandoned." + PartialHint));
    }

    [Test]
    public async Task AStreamPastTheByteLimit_SaysTheLimitAndAfterHowManyChunks()
    {
        await using var server = StreamingKit.Serve(Sse.Answer("Hello there"));
        var stream = TestClient.Create(server.Url, StreamingKit.Configure, o => o.MaxResponseBytes = 10).CompleteStreamingAsync("Hi");

        var error = Assert.ThrowsAsync<GeminiStreamException>(() => stream.ReadAllAsync())!;

        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.ResponseTooLarge));
        Assert.That(error.Message, Is.EqualTo("The stream passed the 10 bytes of GeminiClientOptions.MaxResponseBytes after 0 chunks." + PartialHint));
    }

    [Test]
    public void AStreamAnsweredWithATruncatedJsonCompletion_AppliesTheTruncationBehavior()
    {
        var client = Harness.InProcessClient(new StubHandler(_ => StubHandler.Response(200,
            """{"id":"c1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hel"},"finish_reason":"length"}]}""")));
        var stream = client.CompleteStreamingAsync(Harness.Hello(), new ChatRequestOptions { TruncationBehavior = TruncationBehavior.Throw });

        var error = Assert.ThrowsAsync<GeminiTruncationException>(() => stream.ReadAllAsync())!;

        Assert.That(error.Completion.Text, Is.EqualTo("Hel"));
    }

    [Test]
    public async Task AStreamAnsweredWithAJsonCompletion_YieldsItAsItsOnlyChunkAndCompletion()
    {
        var client = Harness.InProcessClient(new StubHandler(_ => StubHandler.Response(200,
            """{"id":"c1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}""")));
        var stream = client.CompleteStreamingAsync(Harness.Hello());

        var chunks = await stream.ReadAllAsync();

        Assert.That(chunks, Has.Count.EqualTo(1));
        Assert.That(stream.Completion!.Text, Is.EqualTo("Hi"));
        Assert.That(stream.Completion.ResponseInfo!.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public void AStreamAnsweredWithJsonNull_ThrowsThatTheBodyIsNotACompletion()
    {
        var client = Harness.InProcessClient(new StubHandler(_ => StubHandler.Response(200, "null")));

        var error = Assert.ThrowsAsync<AimlApiException>(() => client.CompleteStreamingAsync(Harness.Hello()).ReadAllAsync())!;

        Assert.That(error.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task AnErrorEventWithBlankData_IsSkipped()
    {
        var result = await StreamingKit.StreamAsync(Sse.Content("Hi"), "event: error\ndata:  \n\n", Sse.Finish(), Sse.Done);

        Assert.That(result.Completion.Text, Is.EqualTo("Hi"));
    }

    [Test]
    public async Task AChunkWithChoices_IsAChunkEvenWithMessageAndStatusCodeFields()
    {
        var result = await StreamingKit.StreamAsync(
            Sse.Data("""{"id":"c1","message":"ok","statusCode":200,"choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":"stop"}]}"""),
            Sse.Done);

        Assert.That(result.Completion.Text, Is.EqualTo("Hi"));
        Assert.That(result.Completion.AdditionalProperties["statusCode"], Is.EqualTo(200));
    }

    [Test]
    public void AnErrorBodySentAsData_ThrowsServiceErrorWithItsMessage()
    {
        var error = Assert.ThrowsAsync<GeminiStreamException>(() => StreamingKit.StreamAsync(
            Sse.Content("Hi"), Sse.Data("""{"message":"Overloaded","statusCode":503}"""), Sse.Finish(), Sse.Done))!;

        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.ServiceError));
        Assert.That(error.ServiceMessage, Is.EqualTo("Overloaded"));
    }

    [Test]
    public void AStreamMadeForMocking_HasAnEmptyAccumulator()
    {
        var stream = new MockedStream();

        Assert.That(stream.Text, Is.Empty);
        Assert.That(stream.Accumulator.ChunkCount, Is.Zero);
        Assert.That(stream.Completion, Is.Null);
    }

    private sealed class MockedStream : ChatStream
    {
    }
}
