using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Gemini.Generated.Tests.Reliability;
using Gemini.Generated.Tests.Streaming;
using Gemini.Generated.Tests.Support;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>
/// A stream started from a thread with a synchronization context (a UI thread) whose response arrives later than the call:
/// the SDK resumes on the thread pool, never by posting to the caller's context, whichever part of the response it waited for.
/// </summary>
public class StreamContextTests
{
    [Test]
    public async Task AnEventStreamWhoseBodyArrivesLater_IsReadWithoutPostingToTheCallersContext()
    {
        var (stream, posts) = await StartThenReleaseAsync(Sse.Answer("Hi"), "text/event-stream", gateTheOpening: false);

        Assert.That(stream.Completion!.Text, Is.EqualTo("Hi"));
        Assert.That(posts, Is.Zero);
    }

    [Test]
    public async Task AnEventStreamThatOpensLater_IsReadWithoutPostingToTheCallersContext()
    {
        var (stream, posts) = await StartThenReleaseAsync(Sse.Answer("Hi"), "text/event-stream", gateTheOpening: true);

        Assert.That(stream.Completion!.Text, Is.EqualTo("Hi"));
        Assert.That(posts, Is.Zero);
    }

    [Test]
    public async Task AJsonAnswerThatArrivesLater_IsReadWithoutPostingToTheCallersContext()
    {
        var (stream, posts) = await StartThenReleaseAsync(
            """{"id":"c1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}""",
            "application/json", gateTheOpening: false);

        Assert.That(stream.Completion!.Text, Is.EqualTo("Hi"));
        Assert.That(posts, Is.Zero);
    }

    [Test]
    public async Task AnHtmlAnswerThatArrivesLater_FailsWithoutPostingToTheCallersContext()
    {
        var (stream, posts) = await StartThenReleaseAsync("<html>Bad gateway</html>", "text/html", gateTheOpening: false);

        Assert.That(stream.Completion, Is.Null);
        Assert.That(posts, Is.Zero);
    }

    [Test]
    public async Task ABodyReadThatWaits_ResumesWithoutPostingToTheCallersContext()
    {
        var gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var idle = new CancellationTokenSource();
        using var stream = new IdleTimeoutStream(new GatedStream(new byte[] { 1, 2, 3 }, gate.Task), idle, TimeSpan.FromMinutes(1), TimeProvider.System);
        var context = new CountingContext();

        var read = context.Run(() => stream.ReadAsync(new byte[8].AsMemory()));
        gate.SetResult(true);

        Assert.That(await read, Is.EqualTo(3));
        Assert.That(context.Posts, Is.Zero);
    }

    /// <summary>
    /// Starts reading a stream on a thread with a counting context, while its response (or its body) is held back; releases it
    /// and reads the rest. Returns the stream and how many continuations were posted to the context.
    /// </summary>
    private static async Task<(ChatStream Stream, int Posts)> StartThenReleaseAsync(string body, string contentType, bool gateTheOpening)
    {
        var gate = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = Harness.InProcessClient(new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new GatedContent(Encoding.UTF8.GetBytes(body), contentType, gate.Task, gateTheOpening),
        }));
        var stream = client.CompleteStreamingAsync(Harness.Hello());
        var chunks = stream.GetAsyncEnumerator();
        var context = new CountingContext();

        var first = context.Run(() => chunks.MoveNextAsync().AsTask());
        Assert.That(first.IsCompleted, Is.False, "the first chunk waits for the held response");
        gate.SetResult(true);
        try
        {
            var more = await first;
            while (more)
            {
                more = await chunks.MoveNextAsync();
            }
        }
        catch (AimlApiException)
        {
            // The HTML answer: the stream fails as it should; only the posts matter here.
        }

        await chunks.DisposeAsync();
        return (stream, context.Posts);
    }
}
