using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Gemini.Generated.Tests.Reliability;
using Gemini.Generated.Tests.Support;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>
/// What goes over HTTP and how a reply is taken: the URL under a base URL with a path, the one URL a client sends every call to,
/// a body of exactly the byte limit, and a body read on the caller's synchronization context; and the messages of the option
/// checks that refuse a call before anything is sent.
/// </summary>
public class TransportSurvivorTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    [Test]
    public async Task ABaseUrlWithAPathButNoTrailingSlash_KeepsThePathBeforeTheOperation()
    {
        var sent = new List<Uri>();
        var client = Harness.InProcessClient(Answer(sent), options => options.BaseUrl = new Uri("http://127.0.0.1/api"));

        await client.CompleteAsync(Harness.Hello());

        Assert.That(sent.Single().AbsoluteUri, Is.EqualTo("http://127.0.0.1/api/v1/chat/completions"));
    }

    [Test]
    public async Task EveryCallOfAClient_SendsTheSameRequestUri()
    {
        var sent = new List<Uri>();
        var client = Harness.InProcessClient(Answer(sent));

        await client.CompleteAsync(Harness.Hello());
        await client.CompleteAsync(Harness.Hello());

        Assert.That(sent, Has.Count.EqualTo(2));
        Assert.That(sent[1], Is.SameAs(sent[0]), "the URL is built once per client, not per call");
        Assert.That(sent[0].AbsoluteUri, Is.EqualTo("http://127.0.0.1/v1/chat/completions"));
    }

    [Test]
    public async Task ABodyOfExactlyTheByteLimit_IsRead()
    {
        var body = Encoding.UTF8.GetBytes(Harness.CompletionJson);
        var client = Harness.InProcessClient(
            new StubHandler(_ => StubHandler.Response(200, body, "application/json")),
            options => options.MaxResponseBytes = body.Length);

        var completion = await client.CompleteAsync(Harness.Hello());

        Assert.That(completion.Text, Is.EqualTo("Hello there"));
    }

    [Test]
    public void ABodyThatArrivesAfterTheCallReturned_IsNotReadOnTheCallersContext()
    {
        var body = Encoding.UTF8.GetBytes(Harness.CompletionJson);
        var arrived = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = Harness.InProcessClient(new StubHandler(_ =>
        {
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new GatedContent(body, "application/json", arrived.Task) };
        }));
        var context = new CountingContext();

        var call = context.Run(() => client.CompleteAsync(Harness.Hello()));
        Assert.That(call.IsCompleted, Is.False, "the call waits for the body");
        arrived.SetResult(true);

        Assert.That(call.GetAwaiter().GetResult().Text, Is.EqualTo("Hello there"));
        Assert.That(context.Posts, Is.Zero);
    }

    [Test]
    public void PlainHttpOffLoopback_IsRefusedSayingWhatIsAllowed()
    {
        var options = new GeminiClientOptions { ApiKey = "key", BaseUrl = new Uri("http://api.example.com") };

        var error = Assert.Throws<ArgumentException>(() => options.Validate(NoEnvironment))!;

        Assert.That(error.Message, Does.Contain("only https is allowed, or http on loopback (127.0.0.1, ::1, localhost) for tests."));
    }

    [Test]
    public void ABlankDefaultModel_IsRefusedNamingAModel()
    {
        var options = new GeminiClientOptions { ApiKey = "key", DefaultModel = " " };

        var error = Assert.Throws<ArgumentException>(() => options.Validate(NoEnvironment))!;

        Assert.That(error.Message, Does.StartWith("DefaultModel must name a model, such as " + GeminiModels.Gemini25Flash + "."));
    }

    [Test]
    public void AnUnknownTruncationBehaviorInTheOptions_IsRefusedAsUnknown()
    {
        var options = new GeminiClientOptions { ApiKey = "key", TruncationBehavior = (TruncationBehavior)99 };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => options.Validate(NoEnvironment))!;

        Assert.That(error.ParamName, Is.EqualTo("TruncationBehavior"));
        Assert.That(error.Message, Does.StartWith("Unknown TruncationBehavior."));
    }

    [Test]
    public void AnUnknownTruncationBehaviorForOneCall_IsRefusedAsUnknown()
    {
        var preparer = new RequestPreparer(new GeminiClientOptions());
        var options = new ChatRequestOptions { TruncationBehavior = (TruncationBehavior)99 };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => preparer.Prepare(Harness.Hello(), options, streaming: false))!;

        Assert.That(error.ParamName, Is.EqualTo("TruncationBehavior"));
        Assert.That(error.Message, Does.StartWith("Unknown TruncationBehavior."));
    }

    [Test]
    public void AnApiKeyWithASpace_IsRefusedSayingWhy()
    {
        var options = new GeminiClientOptions { ApiKey = "sk a" };

        var error = Assert.Throws<ArgumentException>(() => options.Validate(NoEnvironment))!;

        Assert.That(error.ParamName, Is.EqualTo("ApiKey"));
        Assert.That(error.Message, Does.StartWith("The API key contains spaces or characters that cannot go in an HTTP header."));
    }

    private static StubHandler Answer(List<Uri> sent) => new(request =>
    {
        sent.Add(request.RequestUri!);
        return StubHandler.Response(200, Harness.CompletionJson);
    });
}
