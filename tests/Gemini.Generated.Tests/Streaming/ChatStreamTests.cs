using System;
using System.Threading.Tasks;
using Gemini.Generated.Testing;

namespace Gemini.Generated.Tests.Streaming;

/// <summary>A <see cref="ChatStream"/> is read once, by enumeration or by <see cref="ChatStream.GetCompletionAsync"/>.</summary>
public class ChatStreamTests : FakeServerTests
{
    [Test]
    public async Task GetAsyncEnumerator_AfterTheStreamWasRead_ThrowsInvalidOperation()
    {
        var stream = Client().CompleteStreamingAsync("Hi");
        await stream.ReadAllAsync();

        Assert.That(() => stream.GetAsyncEnumerator(), Throws.InvalidOperationException);
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task GetAsyncEnumerator_WhileTheStreamIsBeingRead_ThrowsInvalidOperation()
    {
        var stream = Client().CompleteStreamingAsync("Hi");

        await foreach (var _ in stream)
        {
            Assert.That(async () => await stream.ReadAllAsync(), Throws.InvalidOperationException);
        }

        Assert.That(stream.Completion, Is.Not.Null);
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task GetCompletionAsync_OnAStreamNobodyRead_ReadsItAndReturnsTheCompletion()
    {
        Server.Enqueue(FakeReply.Completion("one two three").WithUsage(3, 10).WithCost(50, 0.00002m));
        var stream = Client().CompleteStreamingAsync("Count");

        var completion = await stream.GetCompletionAsync();

        Assert.That(completion.Text, Is.EqualTo("one two three"));
        Assert.That(completion.FinishReason, Is.EqualTo(FinishReason.Stop));
        Assert.That(completion.CompletionTokens, Is.EqualTo(10));
        Assert.That(completion.UsdSpent, Is.EqualTo(0.00002m));
        Assert.That(stream.Completion, Is.SameAs(completion));
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task GetCompletionAsync_AfterTheStreamWasRead_ReturnsItsCompletion()
    {
        var stream = Client().CompleteStreamingAsync("Hi");
        await stream.ReadAllAsync();

        var completion = await stream.GetCompletionAsync();

        Assert.That(completion, Is.SameAs(stream.Completion));
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void GetCompletionAsync_AfterTheStreamFailed_ThrowsInvalidOperation()
    {
        Server.Enqueue(FakeReply.Completion("one two").WithoutDone());
        var stream = Client().CompleteStreamingAsync("Hi");
        Assert.ThrowsAsync<GeminiStreamException>(() => stream.ReadAllAsync());

        Assert.That(async () => await stream.GetCompletionAsync(), Throws.InvalidOperationException);
        Assert.That(stream.Completion, Is.Null);
    }

    [Test]
    public void GetCompletionAsync_WhenTheStreamFails_ThrowsTheStreamException()
    {
        Server.Enqueue(FakeReply.Completion("one two").ThenStreamError("overloaded"));
        var stream = Client().CompleteStreamingAsync("Hi");

        var error = Assert.ThrowsAsync<GeminiStreamException>(() => stream.GetCompletionAsync())!;

        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.ServiceError));
        Assert.That(error.Partial.Text, Is.EqualTo("one two"));
    }
}
