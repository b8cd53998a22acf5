using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Gemini.Generated.Tests.Support;
using Gemini.SpecTool;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>
/// Pulling the spec with <see cref="SpecSource"/>: the caller's handler, and the one-line reason each failure gives. The URLs are
/// loopback ones, and the handler answers them, so nothing goes to the network.
/// </summary>
public class SpecSourcePullTests
{
    private const string Url = "http://127.0.0.1:9/gemini-2.5-flash.json";

    [Test]
    public void Pull_WithABlankSource_FailsAsAUsageError()
    {
        var error = Assert.ThrowsAsync<SpecToolException>(() => SpecSource.PullAsync("  ", TestContext.CurrentContext.WorkDirectory))!;

        Assert.That(error.Code, Is.EqualTo("GEM006"));
        Assert.That(error.Message, Is.EqualTo("GeminiSpecSource is empty: give an http(s) URL, a file URL or a path to the spec."));
    }

    [Test]
    public void Pull_FromAFileUrlThatDoesNotParse_FailsAsUnreachableWithTheOfflineHint()
    {
        const string Source = "file://host:99999/spec.json";

        var error = Assert.ThrowsAsync<SpecToolException>(() => SpecSource.PullAsync(Source, TestContext.CurrentContext.WorkDirectory))!;

        Assert.That(error.Code, Is.EqualTo("GEM001"));
        Assert.That(error.Message, Is.EqualTo($"The spec source '{Source}' is not a valid file URL. {SpecSource.OfflineHint}"));
    }

    [Test]
    public async Task Pull_WithAHandler_SendsThroughItAndLeavesItToTheCaller()
    {
        using var handler = new AnsweringHandler(_ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(new byte[] { 1, 2, 3 }) }));

        var first = await SpecSource.PullAsync(Url, "unused", handler);
        var second = await SpecSource.PullAsync(Url, "unused", handler);

        Assert.That(first, Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(second, Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(handler.Requests, Is.EqualTo(2));
        Assert.That(handler.Disposed, Is.False, "the handler belongs to the caller");
    }

    [Test]
    public async Task Pull_WhenTheRequestTimesOut_SaysSo()
    {
        var message = await FailureAsync(new TaskCanceledException("A task was canceled."));

        Assert.That(message, Is.EqualTo(Expected("the request timed out")));
    }

    [Test]
    public async Task Pull_WhenTheRequestFailsWithoutAnInnerError_GivesItsMessageWithoutTheFinalPeriod()
    {
        var message = await FailureAsync(new HttpRequestException("Name or service not known."));

        Assert.That(message, Is.EqualTo(Expected("Name or service not known")));
    }

    [Test]
    public async Task Pull_WhenTheInnerErrorSaysMore_AddsItInParentheses()
    {
        var message = await FailureAsync(new HttpRequestException("An error occurred while sending the request.", new IOException("The response ended prematurely.")));

        Assert.That(message, Is.EqualTo(Expected("An error occurred while sending the request (The response ended prematurely)")));
    }

    [Test]
    public async Task Pull_WhenTheMessageAlreadyContainsTheInnerError_DoesNotRepeatIt()
    {
        var message = await FailureAsync(new HttpRequestException("Connection refused (127.0.0.1:9).", new IOException("Connection refused.")));

        Assert.That(message, Is.EqualTo(Expected("Connection refused (127.0.0.1:9)")));
    }

    private static string Expected(string reason) =>
        $"Cannot fetch the OpenAPI spec from {Url}: {reason}. This machine may have no internet access. {SpecSource.OfflineHint}";

    private static async Task<string> FailureAsync(Exception failure)
    {
        using var handler = new AnsweringHandler(_ => Task.FromException<HttpResponseMessage>(failure));
        try
        {
            await SpecSource.PullAsync(Url, "unused", handler);
        }
        catch (SpecToolException ex)
        {
            Assert.That(ex.Code, Is.EqualTo("GEM001"));
            Assert.That(ex.InnerException, Is.SameAs(failure));
            return ex.Message;
        }

        Assert.Fail("The pull did not fail.");
        return string.Empty;
    }

    private sealed class AnsweringHandler : HttpMessageHandler
    {
        private readonly Func<HttpRequestMessage, Task<HttpResponseMessage>> _answer;
        private int _requests;

        public AnsweringHandler(Func<HttpRequestMessage, Task<HttpResponseMessage>> answer) => _answer = answer;

        public int Requests => _requests;

        public bool Disposed { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            Assert.That(request.RequestUri, Is.EqualTo(new Uri(Url)));
            return _answer(request);
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
