using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Gemini.Generated.Tests.Streaming;

/// <summary>
/// Cancelling a stream, or leaving it early, ends it with <see cref="System.OperationCanceledException"/> and disposes the HTTP
/// response: the held server sees the connection closed.
/// </summary>
public class StreamingCancellationTests
{
    [Test]
    public async Task CompleteStreamingAsync_WhenItsTokenIsCanceledBeforeTheResponse_ThrowsOperationCanceled()
    {
        await using var server = new HeldStreamServer(sendHead: false);
        using var cancellation = new CancellationTokenSource();
        var stream = TestClient.Create(server.Url, StreamingKit.Configure).CompleteStreamingAsync(new ChatCompletionRequest(ChatMessage.User("Hi")), null, cancellation.Token);

        await CancelOnceRequestedAsync(server, stream.ReadAllAsync(), cancellation);
    }

    [Test]
    public async Task CompleteStreamingAsync_WithAnAlreadyCanceledToken_ThrowsOperationCanceledWithoutSending()
    {
        await using var server = new HeldStreamServer(sendHead: false);
        var stream = TestClient.Create(server.Url, StreamingKit.Configure).CompleteStreamingAsync(
            new ChatCompletionRequest(ChatMessage.User("Hi")), null, new CancellationToken(canceled: true));

        Assert.That(async () => await stream.ReadAllAsync().Within(), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(server.ConnectionCount, Is.Zero);
    }

    [Test]
    public async Task CompleteStreamingAsync_WhenItsTokenIsCanceledMidStream_ThrowsOperationCanceledAndDisposesTheResponse()
    {
        await using var server = new HeldStreamServer(sendHead: true, Sse.Content("Hel"));
        using var cancellation = new CancellationTokenSource();
        var stream = TestClient.Create(server.Url, StreamingKit.Configure).CompleteStreamingAsync(new ChatCompletionRequest(ChatMessage.User("Hi")), null, cancellation.Token);

        var error = await CancelAfterFirstChunkAsync(stream.WithCancellation(CancellationToken.None), cancellation).Within();

        Assert.That(error, Is.InstanceOf<OperationCanceledException>());
        Assert.That(await server.ClientClosed.Within(), Is.True);
    }

    [Test]
    public async Task WithCancellation_WhenCanceledBeforeTheFirstChunk_ThrowsOperationCanceled()
    {
        await using var server = new HeldStreamServer(sendHead: true);
        using var cancellation = new CancellationTokenSource();
        var stream = TestClient.Create(server.Url, StreamingKit.Configure).CompleteStreamingAsync("Hi");

        await CancelOnceRequestedAsync(server, stream.ReadAllAsync(cancellation.Token), cancellation);
    }

    [Test]
    public async Task WithCancellation_WhenCanceledMidStream_ThrowsOperationCanceledAndDisposesTheResponse()
    {
        await using var server = new HeldStreamServer(sendHead: true, Sse.Content("Hel"));
        using var cancellation = new CancellationTokenSource();
        var stream = TestClient.Create(server.Url, StreamingKit.Configure).CompleteStreamingAsync("Hi");

        var error = await CancelAfterFirstChunkAsync(stream.WithCancellation(cancellation.Token), cancellation).Within();

        Assert.That(error, Is.InstanceOf<OperationCanceledException>());
        Assert.That(stream.Text, Is.EqualTo("Hel"));
        Assert.That(await server.ClientClosed.Within(), Is.True);
    }

    [Test]
    public async Task GetAsyncEnumerator_WhenItsTokenIsCanceledMidStream_ThrowsOperationCanceledAndDisposesTheResponse()
    {
        await using var server = new HeldStreamServer(sendHead: true, Sse.Content("Hel"));
        using var cancellation = new CancellationTokenSource();
        var stream = TestClient.Create(server.Url, StreamingKit.Configure).CompleteStreamingAsync("Hi");

        var chunks = stream.GetAsyncEnumerator(cancellation.Token);

        Assert.That(await chunks.MoveNextAsync().AsTask().Within(), Is.True);
        cancellation.Cancel();
        Assert.That(async () => await chunks.MoveNextAsync().AsTask().Within(), Throws.InstanceOf<OperationCanceledException>());
        await chunks.DisposeAsync();
        Assert.That(await server.ClientClosed.Within(), Is.True);
    }

    [Test]
    public async Task WithCancellation_WhenCanceledWhileLaterEventsAreAlreadyReceived_ThrowsBeforeTheNextChunk()
    {
        // The whole answer arrives in one write, so the events after the first are already buffered when the token is canceled.
        await using var server = new HeldStreamServer(sendHead: true, Sse.Answer("Hel", "lo", " world"));
        using var cancellation = new CancellationTokenSource();
        var stream = TestClient.Create(server.Url, StreamingKit.Configure).CompleteStreamingAsync("Hi");
        var afterCancel = 0;

        var error = await CancelAfterFirstChunkAsync(stream.WithCancellation(cancellation.Token), cancellation, () => afterCancel++).Within();

        Assert.That(afterCancel, Is.Zero, "chunks yielded after the token was canceled");
        Assert.That(error, Is.InstanceOf<OperationCanceledException>(), "a canceled stream must not complete");
        Assert.That(stream.Completion, Is.Null);
    }

    [Test]
    public async Task AwaitForeach_WhenLeftEarly_DisposesTheResponse()
    {
        await using var server = new HeldStreamServer(sendHead: true, Sse.Content("Hel"));
        var stream = TestClient.Create(server.Url, StreamingKit.Configure).CompleteStreamingAsync("Hi");

        await foreach (var chunk in stream)
        {
            Assert.That(chunk.Text, Is.EqualTo("Hel"));
            break;
        }

        Assert.That(await server.ClientClosed.Within(), Is.True);
        Assert.That(stream.Completion, Is.Null);
    }

    /// <summary>Cancels once the server has the request; the read must end canceled and the connection be closed.</summary>
    private static async Task CancelOnceRequestedAsync(HeldStreamServer server, Task reading, CancellationTokenSource cancellation)
    {
        await server.Requested.Within();
        cancellation.Cancel();

        Assert.That(async () => await reading.Within(), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(await server.ClientClosed.Within(), Is.True);
    }

    /// <summary>Reads with <c>await foreach</c>, cancels after the first chunk, and returns what the loop threw.</summary>
    private static async Task<Exception?> CancelAfterFirstChunkAsync(
        ConfiguredCancelableAsyncEnumerable<ChatCompletionChunk> chunks, CancellationTokenSource cancellation, Action? afterCancel = null)
    {
        try
        {
            await foreach (var chunk in chunks)
            {
                if (cancellation.IsCancellationRequested)
                {
                    afterCancel?.Invoke();
                    continue;
                }

                Assert.That(chunk.Text, Is.EqualTo("Hel"));
                cancellation.Cancel();
            }

            return null;
        }
        catch (OperationCanceledException ex)
        {
            return ex;
        }
    }
}
