using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Reliability;
using Gemini.Generated.Tests.Support;

namespace Gemini.Generated.Tests.Client;

/// <summary>
/// What an observer (the hook tracing and metrics build on) sees of a call: one start after the request is checked, every
/// attempt, a stream's first chunk, and exactly one end, with the answer or the partial answer and the error.
/// </summary>
public class CallObserverTests : FakeServerTestBase
{
    private RecordingObserver _observer = null!;
    private GeminiClient _client = null!;

    [SetUp]
    public void CreateClient()
    {
        _observer = new RecordingObserver();
        var options = new GeminiClientOptions { BaseUrl = Server.Url, ApiKey = Harness.ApiKey, RetryPolicy = Harness.FastRetries() };
        _client = new GeminiClient(options, _ => null, new[] { _observer });
    }

    [Test]
    public async Task CompleteAsync_WhenItSucceedsAfterARetry_ReportsTheStartEachAttemptAndOneEndWithTheCompletion()
    {
        Server.Enqueue(FakeReply.Error(503, "Busy."), FakeReply.Completion("Done."));

        var completion = await _client.CompleteAsync(Harness.Hello(), new ChatRequestOptions { ClientRequestId = "trace-7" });

        Assert.That(_observer.Events, Is.EqualTo(new[] { "start false trace-7 google/gemini-2.5-flash", "attempt 1 503 retry", "attempt 2 200", "end Done. ok" }));
        Assert.That(_observer.Ends.Single().Completion, Is.SameAs(completion));
    }

    [Test]
    public void CompleteAsync_WhenTheServiceRefuses_EndsOnceWithTheError()
    {
        Server.DefaultReply = FakeReply.Error(400, "Bad.");

        var error = Assert.ThrowsAsync<AimlApiException>(() => _client.CompleteAsync(Harness.Hello()))!;

        Assert.That(_observer.Events, Is.EqualTo(new[] { "start false  google/gemini-2.5-flash", "attempt 1 400", "end (none) AimlApiException" }));
        Assert.That(_observer.Ends.Single().Error, Is.SameAs(error));
    }

    [Test]
    public void CompleteAsync_WhenTruncationThrows_EndsWithTheCompletionAndTheError()
    {
        Server.DefaultReply = FakeReply.Completion(string.Empty).WithFinishReason("length");

        var error = Assert.ThrowsAsync<GeminiTruncationException>(() => _client.CompleteAsync(Harness.Hello()))!;

        var end = _observer.Ends.Single();
        Assert.That(end.Completion, Is.Not.Null);
        Assert.That(end.Completion!.IsTruncated, Is.True);
        Assert.That(end.Error, Is.SameAs(error));
    }

    [Test]
    public void CompleteAsync_WhenTheRequestIsInvalid_StartsNothing()
    {
        var request = new ChatCompletionRequest(ChatMessage.User("Hi"), null!);

        Assert.CatchAsync<ArgumentException>(() => _client.CompleteAsync(request));
        Assert.Catch<ArgumentException>(() => _client.CompleteStreamingAsync(request));

        Assert.That(_observer.Events, Is.Empty);
    }

    [Test]
    public async Task CompleteStreamingAsync_ReportsTheStartWhenEnumerationStartsThenTheFirstChunkThenOneEnd()
    {
        Server.DefaultReply = FakeReply.Completion("One two three").WithChunks("One ", "two ", "three");

        var stream = _client.CompleteStreamingAsync(Harness.Hello());
        Assert.That(_observer.Events, Is.Empty, "nothing starts before enumeration");
        var seen = new List<string>();
        await foreach (var chunk in stream)
        {
            seen.Add(string.Join(",", _observer.Events));
        }

        Assert.That(seen[0], Does.EndWith("first-chunk"), "the first chunk is reported before the caller gets it");
        Assert.That(_observer.Events, Is.EqualTo(new[] { "start true  google/gemini-2.5-flash", "attempt 1 200", "first-chunk", "end One two three ok" }));
        Assert.That(_observer.Ends.Single().Completion, Is.SameAs(stream.Completion));
    }

    [Test]
    public async Task CompleteStreamingAsync_WhenTheCallerStopsEarly_EndsOnceWithThePartialAnswer()
    {
        Server.DefaultReply = FakeReply.Completion("One two three").WithChunks("One ", "two ", "three");

        await foreach (var chunk in _client.CompleteStreamingAsync(Harness.Hello()))
        {
            if (chunk.Text.Length > 0)
            {
                break;
            }
        }

        var end = _observer.Ends.Single();
        Assert.That(end.Completion!.Text, Is.EqualTo("One "));
        Assert.That(end.Error, Is.Null);
    }

    [Test]
    public void CompleteStreamingAsync_WhenTheStreamFails_EndsWithThePartialAnswerAndTheError()
    {
        Server.DefaultReply = FakeReply.Completion("One two").WithChunks("One ", "two").ThenStreamError("Overloaded.");

        var error = Assert.ThrowsAsync<GeminiStreamException>(() => Harness.ReadAllAsync(_client.CompleteStreamingAsync(Harness.Hello())))!;

        var end = _observer.Ends.Single();
        Assert.That(end.Error, Is.SameAs(error));
        Assert.That(end.Completion, Is.SameAs(error.Partial));
        Assert.That(end.Completion!.Text, Is.EqualTo("One two"));
    }

    [Test]
    public async Task CompleteStreamingAsync_WhenTheCallerCancelsMidStream_EndsWithThePartialAnswerAndTheCancellation()
    {
        Server.DefaultReply = FakeReply.Completion("One two three").WithChunks("One ", "two ", "three");
        using var cancellation = new System.Threading.CancellationTokenSource();

        var error = Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chunk in _client.CompleteStreamingAsync(Harness.Hello()).WithCancellation(cancellation.Token))
            {
                if (chunk.Text.Length > 0)
                {
                    cancellation.Cancel();
                }
            }
        })!;

        var end = _observer.Ends.Single();
        Assert.That(end.Error, Is.SameAs(error));
        Assert.That(end.Completion!.Text, Is.EqualTo("One "));
    }

    [Test]
    public void CompleteStreamingAsync_WhenTheServiceRefusesBeforeAnyChunk_EndsWithNoAnswer()
    {
        Server.DefaultReply = FakeReply.Error(400, "Bad.");

        var error = Assert.ThrowsAsync<AimlApiException>(() => Harness.ReadAllAsync(_client.CompleteStreamingAsync(Harness.Hello())))!;

        var end = _observer.Ends.Single();
        Assert.That(end.Error, Is.SameAs(error));
        Assert.That(end.Completion, Is.Null);
    }

    [Test]
    public void CompleteStreamingAsync_WhenTruncationThrowsAtTheEnd_EndsWithTheStreamsCompletion()
    {
        Server.DefaultReply = FakeReply.Completion(string.Empty).WithFinishReason("length").WithChunks(string.Empty);
        var stream = _client.CompleteStreamingAsync(Harness.Hello());

        var error = Assert.ThrowsAsync<GeminiTruncationException>(() => Harness.ReadAllAsync(stream))!;

        var end = _observer.Ends.Single();
        Assert.That(end.Error, Is.SameAs(error));
        Assert.That(end.Completion, Is.Not.Null.And.SameAs(stream.Completion));
    }

    private sealed class RecordingObserver : CallObserver
    {
        public ConcurrentQueue<string> Log { get; } = new();

        public ConcurrentQueue<(ChatCompletion? Completion, Exception? Error)> EndQueue { get; } = new();

        public string[] Events => Log.ToArray();

        public (ChatCompletion? Completion, Exception? Error)[] Ends => EndQueue.ToArray();

        public override CallObservation StartCall(ChatCompletionRequest body, bool streaming, string? clientRequestId)
        {
            Log.Enqueue($"start {streaming.ToString().ToLowerInvariant()} {clientRequestId} {body.Model}");
            return new Observation(this);
        }

        private sealed class Observation : CallObservation
        {
            private readonly RecordingObserver _owner;

            public Observation(RecordingObserver owner) => _owner = owner;

            public override void AttemptEnded(GeminiAttempt attempt) =>
                _owner.Log.Enqueue($"attempt {attempt.Number} {attempt.StatusCode}{(attempt.WillRetry ? " retry" : string.Empty)}");

            public override void FirstChunk() => _owner.Log.Enqueue("first-chunk");

            public override void Ended(ChatCompletion? completion, Exception? error)
            {
                _owner.EndQueue.Enqueue((completion, error));
                _owner.Log.Enqueue($"end {completion?.Text ?? "(none)"} {error?.GetType().Name ?? "ok"}");
            }
        }
    }
}
