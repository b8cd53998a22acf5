using System;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated.Tests;

/// <summary>
/// The one base of the tests against the fake server: a <see cref="FakeAimlServer"/> on 127.0.0.1 per test, and clients of it that never retry
/// (so that 429 and 5xx tests do not wait).
/// </summary>
public abstract class FakeServerTestBase
{
    /// <summary>A key that cannot be confused with any other text in a request or a response.</summary>
    protected const string SecretKey = "sk-aiml-7f3c9e1b5d2a4f60b8e7c6d5a4b3c2d1";

    protected FakeAimlServer Server { get; private set; } = null!;

    [SetUp]
    public void StartFakeServer() => Server = FakeAimlServer.Start();

    [TearDown]
    public void StopFakeServer() => Server.Dispose();

    /// <summary>A client of the fake server with <see cref="RetryPolicy.None"/>; <paramref name="configure"/> can change any option.</summary>
    protected GeminiClient CreateClient(Action<GeminiClientOptions>? configure = null) =>
        Server.CreateClient(options =>
        {
            options.RetryPolicy = RetryPolicy.None;
            configure?.Invoke(options);
        });

    /// <summary>Sends the request with a client of the fake server and returns the JSON body the server received.</summary>
    protected async Task<JObject> SendAndCaptureAsync(ChatCompletionRequest request, Action<GeminiClientOptions>? configure = null)
    {
        await CreateClient(configure).CompleteAsync(request);
        return SingleRequest().Json!;
    }

    /// <summary>The one request the server received.</summary>
    protected FakeRequest SingleRequest()
    {
        var requests = Server.Requests;
        Assert.That(requests, Has.Count.EqualTo(1), "requests received by the fake server");
        Assert.That(requests[0].Json, Is.Not.Null, "the body is not a JSON object: " + requests[0].Body);
        return requests[0];
    }

    /// <summary>Sends the request, expects an <see cref="AimlApiException"/> (or a subclass) and returns it.</summary>
    protected async Task<AimlApiException> ApiErrorAsync(FakeReply reply, ChatRequestOptions? options = null, Action<GeminiClientOptions>? configure = null)
    {
        Server.Enqueue(reply);
        var client = CreateClient(configure);
        AimlApiException? caught = null;
        try
        {
            await client.CompleteAsync(new ChatCompletionRequest(ChatMessage.User("Hello")), options);
        }
        catch (AimlApiException ex)
        {
            caught = ex;
        }

        Assert.That(caught, Is.Not.Null, "CompleteAsync did not throw an AimlApiException");
        return caught!;
    }
}
