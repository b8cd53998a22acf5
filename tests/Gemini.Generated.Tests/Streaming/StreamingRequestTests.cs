using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated.Tests.Streaming;

/// <summary>What a streaming call sends, and when chunks come out and the stream ends.</summary>
public class StreamingRequestTests : FakeServerTests
{
    [Test]
    public async Task CompleteStreamingAsync_SendsStreamTrueAndIncludeUsage()
    {
        await Client().CompleteStreamingAsync("Hi").ReadAllAsync();

        var sent = Server.Requests.Single().Json!;
        Assert.That(sent["stream"]!.Type, Is.EqualTo(JTokenType.Boolean));
        Assert.That((bool)sent["stream"]!, Is.True);
        Assert.That(JToken.DeepEquals(sent["stream_options"], JObject.Parse("""{"include_usage": true}""")), Is.True, sent.ToString());
    }

    [Test]
    public async Task CompleteStreamingAsync_LeavesTheCallersRequestUnchanged()
    {
        var request = new ChatCompletionRequest(ChatMessage.User("Hi"));

        await Client().CompleteStreamingAsync(request).ReadAllAsync();

        Assert.That(request.Stream, Is.Null);
        Assert.That(request.StreamOptions, Is.Null);
        Assert.That(request.Model, Is.Null);
        Assert.That(request.MaxCompletionTokens, Is.Null);
        Assert.That(request.Messages, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task CompleteStreamingAsync_WhenTheCallerSetsStreamOptions_SendsThem()
    {
        var options = new ChatStreamOptions { IncludeUsage = false };
        var request = new ChatCompletionRequest(ChatMessage.User("Hi")) { StreamOptions = options };

        await Client().CompleteStreamingAsync(request).ReadAllAsync();

        var sent = Server.Requests.Single().Json!;
        Assert.That(JToken.DeepEquals(sent["stream_options"], JObject.Parse("""{"include_usage": false}""")), Is.True, sent.ToString());
        Assert.That(request.StreamOptions, Is.SameAs(options));
        Assert.That(options.IncludeUsage, Is.False);
    }

    [Test]
    public async Task CompleteStreamingAsync_WhenTheCallerSetsStreamOptionsWithoutIncludeUsage_StillAsksForUsage()
    {
        var options = new ChatStreamOptions();
        var request = new ChatCompletionRequest(ChatMessage.User("Hi")) { StreamOptions = options };

        var completion = await Client().CompleteStreamingAsync(request).GetCompletionAsync();

        var sent = Server.Requests.Single().Json!;
        Assert.That(JToken.DeepEquals(sent["stream_options"], JObject.Parse("""{"include_usage": true}""")), Is.True, sent.ToString());
        Assert.That(options.IncludeUsage, Is.Null, "the caller's object is not changed");
        Assert.That(completion.Usage, Is.Not.Null);
        Assert.That(completion.UsdSpent, Is.Not.Null);
    }

    [Test]
    public async Task CompleteStreamingAsync_SendsAcceptEventStreamAndTheClientRequestId()
    {
        var request = new ChatCompletionRequest(ChatMessage.User("Hi"));

        var stream = Client().CompleteStreamingAsync(request, new ChatRequestOptions { ClientRequestId = "trace-42" });
        await stream.ReadAllAsync();

        var sent = Server.Requests.Single();
        Assert.That(sent.Header("Accept"), Is.EqualTo("text/event-stream"));
        Assert.That(sent.ClientRequestId, Is.EqualTo("trace-42"));
        Assert.That(stream.Completion!.ClientRequestId, Is.EqualTo("trace-42"));
    }

    [Test]
    public async Task CompleteStreamingAsync_SendsNothingUntilEnumerated()
    {
        var stream = Client().CompleteStreamingAsync("Hi");

        Assert.That(Server.Requests, Is.Empty);
        await stream.ReadAllAsync();
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task CompleteStreamingAsync_YieldsTheFirstChunkBeforeTheServerSendsTheRest(CancellationToken cancellationToken)
    {
        // The server holds everything after the first event until the test has that event's chunk: a client that buffered
        // the body would never get it, and the token (CancelAfter) fails the test instead of letting it hang.
        await using var server = new HeldStreamServer(sendHead: true, Sse.Content("Hel"));
        var stream = TestClient.Create(server.Url, StreamingKit.Configure).CompleteStreamingAsync("Hi");
        var texts = new List<string>();
        string? textAtFirstChunk = null;

        await foreach (var chunk in stream.WithCancellation(cancellationToken))
        {
            texts.Add(chunk.Text);
            if (texts.Count == 1)
            {
                textAtFirstChunk = stream.Text;
                server.Release(Sse.Content("lo") + Sse.Finish() + Sse.Done);
            }
        }

        Assert.That(textAtFirstChunk, Is.EqualTo("Hel"));
        Assert.That(texts, Is.EqualTo(new[] { "Hel", "lo", string.Empty }));
        Assert.That(stream.Completion!.Text, Is.EqualTo("Hello"));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task CompleteStreamingAsync_EndsAtDoneWithoutWaitingForTheBodyToEnd(CancellationToken cancellationToken)
    {
        await using var server = new HeldStreamServer(sendHead: true, Sse.Content("Hello"), Sse.Done);
        var stream = TestClient.Create(server.Url, StreamingKit.Configure).CompleteStreamingAsync("Hi");

        var chunks = await stream.ReadAllAsync(cancellationToken);

        Assert.That(chunks, Has.Count.EqualTo(1));
        Assert.That(stream.Completion!.Text, Is.EqualTo("Hello"));
        Assert.That(await server.ClientClosed.Within(), Is.True, "the response is disposed once [DONE] arrived");
    }

    [Test]
    public async Task CompleteStreamingAsync_WhenTheBodyEndsAfterAFinishReasonWithoutDone_EndsSuccessfully()
    {
        var result = await StreamingKit.StreamAsync(Sse.Content("Hel"), Sse.Content("lo"), Sse.Finish());

        Assert.That(result.Completion.Text, Is.EqualTo("Hello"));
        Assert.That(result.Completion.FinishReason, Is.EqualTo(FinishReason.Stop));
    }

    [Test]
    public async Task CompleteStreamingAsync_SetsResponseInfoOnceTheStreamStarted()
    {
        Server.Enqueue(FakeReply.Completion("one two").WithInferenceId("inf-stream-1"));
        var stream = Client().CompleteStreamingAsync("Hi");
        ResponseInfo? atFirstChunk = null;

        Assert.That(stream.ResponseInfo, Is.Null);
        await foreach (var _ in stream)
        {
            atFirstChunk ??= stream.ResponseInfo;
        }

        Assert.That(atFirstChunk, Is.Not.Null);
        Assert.That(atFirstChunk!.StatusCode, Is.EqualTo(200));
        Assert.That(atFirstChunk.InferenceId, Is.EqualTo("inf-stream-1"));
        Assert.That(atFirstChunk.GetHeader("Content-Type"), Does.StartWith("text/event-stream"));
    }
}
