using System;
using System.Linq;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Gemini.Generated.Tests.Streaming;

/// <summary>How a stream fails: before it starts like the non-streaming call, after it started with the partial completion.</summary>
public class StreamingFailureTests : FakeServerTests
{
    [Test]
    public void CompleteStreamingAsync_WhenAnErrorObjectArrivesAsData_ThrowsServiceErrorWithPartialText()
    {
        const string ErrorEvent = """{"error":{"message":"Upstream overloaded","type":"server_error","code":503}}""";

        var error = Assert.ThrowsAsync<GeminiStreamException>(() => StreamingKit.StreamAsync(Sse.Content("Hel"), Sse.Content("lo"), Sse.Data(ErrorEvent), Sse.Done))!;

        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.ServiceError));
        Assert.That(error.ServiceMessage, Is.EqualTo("Upstream overloaded"));
        Assert.That(error.Partial.Text, Is.EqualTo("Hello"));
        Assert.That(error.RawEvent, Is.EqualTo(ErrorEvent));
        Assert.That(error.Message, Does.Contain("Upstream overloaded"));
    }

    [TestCase("""{"message":"Quota exceeded","statusCode":"429"}""", "Quota exceeded", TestName = "CompleteStreamingAsync_WhenAnErrorEventArrives_ThrowsServiceError")]
    [TestCase("""{"error":{"message":"Quota exceeded"}}""", "Quota exceeded", TestName = "CompleteStreamingAsync_WhenAnErrorEventWrapsItsMessage_ThrowsServiceError")]
    [TestCase("Quota exceeded", "Quota exceeded", TestName = "CompleteStreamingAsync_WhenAnErrorEventIsPlainText_ThrowsServiceError")]
    public void CompleteStreamingAsync_WhenAnErrorEventArrives_ThrowsServiceErrorWithPartialText(string data, string message)
    {
        var error = Assert.ThrowsAsync<GeminiStreamException>(() => StreamingKit.StreamAsync(Sse.Content("Hel"), "event: error\n" + Sse.Data(data), Sse.Done))!;

        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.ServiceError));
        Assert.That(error.ServiceMessage, Is.EqualTo(message));
        Assert.That(error.Partial.Text, Is.EqualTo("Hel"));
    }

    [Test]
    public void CompleteStreamingAsync_WhenTheFakeServerSendsAStreamError_ThrowsServiceError()
    {
        Server.Enqueue(FakeReply.Completion("one two").ThenStreamError("The model is overloaded"));
        var stream = Client().CompleteStreamingAsync("Hi");

        var error = Assert.ThrowsAsync<GeminiStreamException>(() => stream.ReadAllAsync())!;

        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.ServiceError));
        Assert.That(error.ServiceMessage, Is.EqualTo("The model is overloaded"));
        Assert.That(error.Partial.Text, Is.EqualTo("one two"));
        Assert.That(stream.Completion, Is.Null);
    }

    [Test]
    public async Task CompleteStreamingAsync_WhenTheConnectionIsResetMidStream_ThrowsConnectionLostWithPartialText()
    {
        await using var server = new RawHttpServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteChunkedHeadAsync();
            await connection.WriteChunkAsync(Sse.Content("Hel") + Sse.Content("lo"));
            await connection.WriteChunkAsync("data: {\"choices\":[{\"ind");
            connection.Reset();
        });
        var stream = TestClient.Create(server.Url, StreamingKit.Configure).CompleteStreamingAsync("Hi");

        var error = Assert.ThrowsAsync<GeminiStreamException>(() => stream.ReadAllAsync())!;

        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.ConnectionLost));
        Assert.That(error.Partial.Text, Is.EqualTo("Hello"));
        Assert.That(stream.Completion, Is.Null);
        Assert.That(server.Requests, Has.Count.EqualTo(1), "a stream that started is never retried");
        Assert.That(server.ConnectionCount, Is.EqualTo(1));
    }

    [Test]
    public async Task CompleteStreamingAsync_WhenTheConnectionClosesInsideTheChunkedBody_ThrowsConnectionLost()
    {
        await using var server = new RawHttpServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteChunkedHeadAsync();
            await connection.WriteChunkAsync(Sse.Content("Hel"));
            connection.Close();
        });

        var error = Assert.ThrowsAsync<GeminiStreamException>(() => TestClient.Create(server.Url, StreamingKit.Configure).CompleteStreamingAsync("Hi").ReadAllAsync())!;

        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.ConnectionLost));
        Assert.That(error.Partial.Text, Is.EqualTo("Hel"));
        Assert.That(error.Message, Does.StartWith("The connection broke after 1 chunks: ").And.EndWith(" The partial completion is in GeminiStreamException.Partial."));
        Assert.That(error.Message, Has.Length.GreaterThan("The connection broke after 1 chunks:  The partial completion is in GeminiStreamException.Partial.".Length), "the cause follows the colon");
    }

    [Test]
    public void CompleteStreamingAsync_WhenTheFakeServerDisconnects_ThrowsConnectionLostAndDoesNotRetry()
    {
        Server.Enqueue(FakeReply.Completion("one two").ThenDisconnect(), FakeReply.Completion("a retry"));

        var error = Assert.ThrowsAsync<GeminiStreamException>(() => Client().CompleteStreamingAsync("Hi").ReadAllAsync())!;

        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.ConnectionLost));
        Assert.That(error.Partial.Text, Is.EqualTo("one two"));
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
        Assert.That(Server.PendingReplies, Is.EqualTo(1));
    }

    [Test]
    public void CompleteStreamingAsync_WhenTheBodyEndsWithoutDoneOrFinishReason_ThrowsIncomplete()
    {
        var error = Assert.ThrowsAsync<GeminiStreamException>(() => StreamingKit.StreamAsync(Sse.Content("Hel"), Sse.Content("lo")))!;

        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.Incomplete));
        Assert.That(error.Partial.Text, Is.EqualTo("Hello"));
        Assert.That(error.Partial.FinishReason, Is.Null);
    }

    [Test]
    public void CompleteStreamingAsync_WhenTheFakeServerEndsWithoutDone_ThrowsIncomplete()
    {
        Server.Enqueue(FakeReply.Completion("one two").WithoutDone());

        var error = Assert.ThrowsAsync<GeminiStreamException>(() => Client().CompleteStreamingAsync("Hi").ReadAllAsync())!;

        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.Incomplete));
        Assert.That(error.Partial.Text, Is.EqualTo("one two"));
    }

    [Test]
    public void CompleteStreamingAsync_WhenTheBodyIsEmpty_ThrowsIncomplete()
    {
        var error = Assert.ThrowsAsync<GeminiStreamException>(() => StreamingKit.StreamAsync(Array.Empty<string>()))!;

        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.Incomplete));
        Assert.That(error.Partial.Text, Is.Empty);
    }

    [Test]
    public void CompleteStreamingAsync_WhenOnlyDoneArrives_ThrowsIncompleteRatherThanAnEmptyAnswer()
    {
        var error = Assert.ThrowsAsync<GeminiStreamException>(() => StreamingKit.StreamAsync(Sse.Done))!;

        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.Incomplete));
        Assert.That(error.Message, Does.Contain("without any choice"));
    }

    [Test]
    public async Task CompleteStreamingAsync_WhenDoneFollowsContentWithoutAFinishReason_Completes()
    {
        var result = await StreamingKit.StreamAsync(Sse.Content("Hel"), Sse.Content("lo"), Sse.Done);

        Assert.That(result.Completion.Text, Is.EqualTo("Hello"));
        Assert.That(result.Completion.FinishReason, Is.Null);
    }

    [TestCase("""{"choices":[{"index":0,"delta":{"content":"lo"}""", TestName = "CompleteStreamingAsync_WhenAnEventIsTruncatedJson_ThrowsInvalidEvent")]
    [TestCase("not json", TestName = "CompleteStreamingAsync_WhenAnEventIsNotJson_ThrowsInvalidEvent")]
    [TestCase("""{"choices":"lo"}""", TestName = "CompleteStreamingAsync_WhenAnEventHasTheWrongShape_ThrowsInvalidEvent")]
    [TestCase("""{"choices":[{"index":"first"}]}""", TestName = "CompleteStreamingAsync_WhenAnEventHasAWrongType_ThrowsInvalidEvent")]
    [TestCase("[1, 2]", TestName = "CompleteStreamingAsync_WhenAnEventIsAnArray_ThrowsInvalidEvent")]
    public void CompleteStreamingAsync_WhenAnEventIsInvalid_ThrowsInvalidEventWithPartialText(string data)
    {
        var error = Assert.ThrowsAsync<GeminiStreamException>(() => StreamingKit.StreamAsync(Sse.Content("Hel"), Sse.Data(data), Sse.Finish(), Sse.Done))!;

        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.InvalidEvent));
        Assert.That(error.RawEvent, Is.EqualTo(data));
        Assert.That(error.Partial.Text, Is.EqualTo("Hel"));
    }

    [Test]
    public async Task CompleteStreamingAsync_WhenTheStreamStalls_ThrowsIdleTimeoutWithPartialText()
    {
        await using var server = new HeldStreamServer(sendHead: true, Sse.Content("Hel"));
        var time = new FakeTimeProvider();
        var stream = TestClient.Create(server.Url, StreamingKit.Configure, o =>
        {
            o.StreamIdleTimeout = TimeSpan.FromMinutes(1);
            o.TimeProvider = time;
        }).CompleteStreamingAsync("Hi");

        var error = Assert.ThrowsAsync<GeminiStreamException>(() => FakeClock.RunAsync(time, stream.ReadAllAsync(), TimeSpan.FromSeconds(20)).Within())!;

        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.IdleTimeout));
        Assert.That(error.Partial.Text, Is.EqualTo("Hel"));
        Assert.That(await server.ClientClosed.Within(), Is.True);
    }

    [Test]
    public async Task CompleteStreamingAsync_WhenTheConsumerIsSlowerThanTheIdleTimeout_DoesNotTimeOut()
    {
        Server.Enqueue(FakeReply.Completion("one two"));
        var time = new FakeTimeProvider();
        var stream = Client(o =>
        {
            o.StreamIdleTimeout = TimeSpan.FromMinutes(1);
            o.TimeProvider = time;
        }).CompleteStreamingAsync("Hi");
        var chunks = 0;

        await foreach (var _ in stream)
        {
            if (chunks++ == 0)
            {
                // The caller holds the first chunk for ten idle timeouts: the timer counts only waits for the server.
                time.Advance(TimeSpan.FromMinutes(10));
            }
        }

        Assert.That(stream.Completion!.Text, Is.EqualTo("one two"));
    }

    [Test]
    public void CompleteStreamingAsync_WhenRateLimited_ThrowsWhatTheNonStreamingCallThrows()
    {
        var (streaming, completing) = BothErrors(FakeReply.RateLimit(TimeSpan.FromSeconds(7), "Free-tier limit reached."), RetryPolicy.None);

        Assert.That(streaming, Is.TypeOf<AimlApiRateLimitException>());
        Assert.That(((AimlApiRateLimitException)streaming).RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(7)));
        AssertSameError(streaming, completing);
    }

    [Test]
    public void CompleteStreamingAsync_WhenTheServerFailsWithoutRetries_ThrowsWhatTheNonStreamingCallThrows()
    {
        var (streaming, completing) = BothErrors(FakeReply.Error(500, "Internal error"), RetryPolicy.None);

        Assert.That(streaming, Is.TypeOf<AimlApiException>());
        Assert.That(streaming.StatusCode, Is.EqualTo(500));
        AssertSameError(streaming, completing);
    }

    [Test]
    public void CompleteStreamingAsync_WhenUnauthorized_ThrowsWhatTheNonStreamingCallThrows()
    {
        var (streaming, completing) = BothErrors(FakeReply.Error(401, "Unauthorized: missing or invalid API key."), null);

        Assert.That(streaming, Is.TypeOf<AimlApiAuthenticationException>());
        Assert.That(streaming.StatusCode, Is.EqualTo(401));
        AssertSameError(streaming, completing);
        Assert.That(Server.Requests, Has.Count.EqualTo(2), "a 401 is not retried");
    }

    [Test]
    public async Task CompleteStreamingAsync_WhenA503ComesBeforeTheStream_RetriesAndStreams()
    {
        Server.Enqueue(FakeReply.Error(503, "Service unavailable"), FakeReply.Completion("one two"));

        var stream = Client().CompleteStreamingAsync("Hi");
        await stream.ReadAllAsync();

        Assert.That(stream.Completion!.Text, Is.EqualTo("one two"));
        Assert.That(stream.Completion.ResponseInfo!.Attempts, Is.EqualTo(2));
        Assert.That(Server.Requests, Has.Count.EqualTo(2));
        Assert.That(Server.Requests.All(r => r.IsStreaming), Is.True);
    }

    private static void AssertSameError(AimlApiException streaming, AimlApiException completing)
    {
        Assert.That(streaming.GetType(), Is.EqualTo(completing.GetType()));
        Assert.That(streaming.StatusCode, Is.EqualTo(completing.StatusCode));
        Assert.That(streaming.ServiceMessage, Is.EqualTo(completing.ServiceMessage).And.Not.Null);
        Assert.That(streaming.InferenceId, Is.EqualTo(completing.InferenceId).And.Not.Null);
        Assert.That(streaming.IsTransient, Is.EqualTo(completing.IsTransient));
    }

    /// <summary>Serves <paramref name="reply"/> to a streaming call and to a non-streaming one, and returns what each threw.</summary>
    private (AimlApiException Streaming, AimlApiException Completing) BothErrors(FakeReply reply, RetryPolicy? policy)
    {
        Server.Enqueue(reply.WithInferenceId("inf-error"), reply);
        var client = Client(o => o.RetryPolicy = policy ?? o.RetryPolicy);

        var streaming = Assert.CatchAsync<AimlApiException>(() => client.CompleteStreamingAsync("Hi").ReadAllAsync())!;
        var completing = Assert.CatchAsync<AimlApiException>(() => client.CompleteAsync("Hi"))!;
        return (streaming, completing);
    }
}
