using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Support;
using Newtonsoft.Json.Linq;
using Microsoft.Extensions.Time.Testing;

namespace Gemini.Generated.Tests.Reliability;

/// <summary>The fake server is a product for users: what it promises, over real HTTP, seen by raw HTTP and by the SDK.</summary>
public class FakeAimlServerTests : FakeServerTestBase
{
    private const string HelloBody = """{"model":"google/gemini-2.5-flash","messages":[{"role":"user","content":"Hello"}]}""";

    private HttpClient _http = null!;

    [SetUp]
    public void CreateHttpClient() => _http = new HttpClient();

    [TearDown]
    public void DisposeHttpClient() => _http.Dispose();

    [Test]
    public async Task Enqueue_WithSeveralCompletions_ServesThemInOrderThenTheDefaultReply()
    {
        Server.Enqueue(FakeReply.Completion("one"), FakeReply.Completion("two"));
        var client = Server.CreateClient();

        var texts = new[]
        {
            (await client.CompleteAsync("a")).Text,
            (await client.CompleteAsync("b")).Text,
            (await client.CompleteAsync("c")).Text,
        };

        Assert.That(texts, Is.EqualTo(new[] { "one", "two", "Hello from the fake AI/ML API." }));
        Assert.That(Server.PendingReplies, Is.Zero);
    }

    [Test]
    public async Task CreateClient_SendsToTheServerWithTheDefaultKey()
    {
        var client = Server.CreateClient(o => o.ApplicationId = "fake-tests/1.0");

        await client.CompleteAsync("Hi");

        var request = Server.Requests.Single();
        Assert.That(client.BaseUrl, Is.EqualTo(Server.Url));
        Assert.That(request.Header("Authorization"), Is.EqualTo("Bearer " + FakeAimlServer.DefaultApiKey));
        Assert.That(request.Header("User-Agent"), Does.EndWith("fake-tests/1.0"));
    }

    [Test]
    public async Task WithChunks_WhenStreamed_YieldsEachPieceAsOneChunk()
    {
        Server.Enqueue(FakeReply.Completion("ignored").WithChunks("Hel", "lo, ", "world"));
        var client = Server.CreateClient();

        var stream = client.CompleteStreamingAsync("Hi");
        var pieces = await Harness.ReadAllAsync(stream);

        Assert.That(pieces.Where(p => p.Length > 0), Is.EqualTo(new[] { "Hel", "lo, ", "world" }));
        Assert.That(stream.Completion!.Text, Is.EqualTo("Hello, world"));
        Assert.That(stream.Completion.FinishReason, Is.EqualTo(FinishReason.Stop));
    }

    [Test]
    [CancelAfter(10000)]
    public async Task WithChunkDelay_HoldsBackTheChunksAfterTheFirst()
    {
        Server.Enqueue(FakeReply.Completion("a b").WithChunkDelay(TimeSpan.FromHours(1)));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Server.Url, "v1/chat/completions"))
        {
            Content = new StringContent("""{"messages":[{"role":"user","content":"Hi"}],"stream":true}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + FakeAimlServer.DefaultApiKey);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var cancellation = new CancellationTokenSource();

        var first = await reader.ReadLineAsync();
        Assert.That(await reader.ReadLineAsync(), Is.Empty, "the end of the first event");
        var next = reader.ReadLineAsync(cancellation.Token).AsTask();
        // An undelayed reply served meanwhile: without the delay, the rest of the stream would have arrived before it.
        Assert.That((await Server.CreateClient().CompleteAsync("Hi")).Text, Is.EqualTo("Hello from the fake AI/ML API."));
        cancellation.Cancel();

        Assert.That(first, Does.StartWith("data: ").And.Contain("\"role\":\"assistant\""));
        Assert.CatchAsync<OperationCanceledException>(() => next, "a chunk after the first arrived before the delay ended");
    }

    [Test]
    public async Task Completion_WhenStreamedWithUsage_EndsWithAUsageChunkCarryingCostThenDone()
    {
        Server.Enqueue(FakeReply.Completion("a b").WithCost(42, 0.0005m));

        var text = await PostTextAsync("""{"messages":[{"role":"user","content":"Hi"}],"stream":true,"stream_options":{"include_usage":true}}""");

        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(events[^1], Is.EqualTo("data: [DONE]"));
        var usage = JObject.Parse(events[^2].Substring("data: ".Length));
        Assert.That(usage["choices"], Is.Empty);
        Assert.That((decimal)usage["meta"]!["usage"]!["credits_used"]!, Is.EqualTo(42m));
        Assert.That((decimal)usage["meta"]!["usage"]!["usd_spent"]!, Is.EqualTo(0.0005m));
        Assert.That((string?)JObject.Parse(events[^3].Substring("data: ".Length))["choices"]![0]!["finish_reason"], Is.EqualTo("stop"));
    }

    [Test]
    public async Task ToolCall_ReturnsTheFunctionCallWithToolCallsFinishReason()
    {
        Server.Enqueue(FakeReply.ToolCall("get_weather", """{"city":"Paris","unit":"celsius"}""", "call_42"));
        var client = Server.CreateClient();

        var completion = await client.CompleteAsync("Weather in Paris?");

        var call = completion.FirstChoice!.Message!.ToolCalls!.Single();
        Assert.That(call.Id, Is.EqualTo("call_42"));
        Assert.That(call.Function!.Name, Is.EqualTo("get_weather"));
        Assert.That(call.Function.Arguments, Is.EqualTo("""{"city":"Paris","unit":"celsius"}"""));
        Assert.That(completion.FinishReason, Is.EqualTo(FinishReason.ToolCalls));
        Assert.That(completion.FirstChoice.Message.Content, Is.Null);
    }

    [Test]
    public async Task ToolCall_WhenStreamed_SendsArgumentsInPiecesThatAddUp()
    {
        Server.Enqueue(FakeReply.ToolCall("get_weather", """{"city":"Paris","unit":"celsius"}""", "call_42"));
        var client = Server.CreateClient();

        var stream = client.CompleteStreamingAsync("Weather in Paris?");
        await Harness.ReadAllAsync(stream);

        var call = stream.Completion!.FirstChoice!.Message!.ToolCalls!.Single();
        Assert.That(stream.Accumulator.ChunkCount, Is.GreaterThan(3), "the arguments arrive in several chunks");
        Assert.That(call.Id, Is.EqualTo("call_42"));
        Assert.That(call.Function!.Name, Is.EqualTo("get_weather"));
        Assert.That(call.Function.Arguments, Is.EqualTo("""{"city":"Paris","unit":"celsius"}"""));
        Assert.That(stream.Completion.FinishReason, Is.EqualTo(FinishReason.ToolCalls));
    }

    [Test]
    public async Task Error_AnswersWithTheDocumentedErrorBody()
    {
        Server.Enqueue(FakeReply.Error(500, "Internal server error."));

        using var response = await PostAsync(HelloBody);
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());

        Assert.That((int)response.StatusCode, Is.EqualTo(500));
        Assert.That((string?)body["message"], Is.EqualTo("Internal server error."));
        Assert.That((string?)body["path"], Is.EqualTo("/v1/chat/completions"));
        Assert.That((string?)body["requestId"], Does.StartWith("fake-request-"));
        Assert.That(body["statusCode"]!.Type, Is.EqualTo(JTokenType.String), "the documented example sends statusCode as a string");
        Assert.That((string?)body["statusCode"], Is.EqualTo("500"));
        Assert.That(DateTimeOffset.TryParse((string?)body["timestamp"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _), Is.True);
        Assert.That(response.Headers.GetValues("x-inference-id").Single(), Does.StartWith("fake-inference-"));
    }

    [Test]
    public async Task RateLimit_SendsA429WithRetryAfterInWholeSecondsRoundedUp()
    {
        Server.Enqueue(FakeReply.RateLimit(TimeSpan.FromMilliseconds(1200)));

        using var response = await PostAsync(HelloBody);

        Assert.That((int)response.StatusCode, Is.EqualTo(429));
        Assert.That(response.Headers.GetValues("Retry-After").Single(), Is.EqualTo("2"));
        Assert.That((string?)JObject.Parse(await response.Content.ReadAsStringAsync())["message"], Does.StartWith("Free-tier limit"));
    }

    [Test]
    public void RateLimit_SeenByTheSdk_IsARateLimitExceptionWithRetryAfter()
    {
        Server.Enqueue(FakeReply.RateLimit(TimeSpan.FromSeconds(7)));
        var client = Server.CreateClient(o => o.RetryPolicy = RetryPolicy.None);

        var error = Assert.ThrowsAsync<AimlApiRateLimitException>(() => client.CompleteAsync("Hi"))!;

        Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(7)));
        Assert.That(error.ServiceMessage, Does.StartWith("Free-tier limit"));
    }

    [Test]
    public async Task WithLatency_HoldsTheResponseLongerThanATimeoutThatAnUndelayedReplyMeets()
    {
        // The SDK's timeout runs on a fake clock, moved only once the server holds the delayed request: the delayed reply is
        // late however fast the machine, and the undelayed one meets the timeout however slow it is (the clock never moves).
        Server.Enqueue(FakeReply.Completion("late").WithLatency(Harness.SlowerThanTimeout), FakeReply.Completion("prompt"));
        var time = new FakeTimeProvider();
        var client = Server.CreateClient(o =>
        {
            o.AttemptTimeout = TimeSpan.FromMinutes(1);
            o.RetryPolicy = RetryPolicy.None;
            o.TimeProvider = time;
        });

        var late = client.CompleteAsync("Hi");
        await Harness.Bounded(WaitUntil(() => Server.Requests.Count == 1));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.ThrowsAsync<GeminiTimeoutException>(() => Harness.Bounded(late));
        var completion = await Harness.Bounded(client.CompleteAsync("Hi"));

        Assert.That(completion.Text, Is.EqualTo("prompt"));
    }

    [Test]
    public async Task RequiredApiKey_WhenTheKeyIsWrong_Answers401AndAcceptsTheRightKey()
    {
        Server.RequiredApiKey = "the-right-key";
        var wrong = TestClient.Create(Server.Url, Harness.Fast, o => o.ApiKey = "the-wrong-key");

        var error = Assert.ThrowsAsync<AimlApiAuthenticationException>(() => wrong.CompleteAsync("Hi"))!;
        var completion = await Server.CreateClient().CompleteAsync("Hi");

        Assert.That(error.StatusCode, Is.EqualTo(401));
        Assert.That(error.ServiceMessage, Does.Contain("API key"));
        Assert.That(completion.Text, Is.EqualTo("Hello from the fake AI/ML API."));
        Assert.That(Server.Requests.Select(r => r.Header("Authorization")), Is.EqualTo(new[] { "Bearer the-wrong-key", "Bearer the-right-key" }));
    }

    [Test]
    public async Task Requests_RecordMethodPathHeadersBodyAndTheParsedRequest()
    {
        var client = Server.CreateClient();
        var request = new ChatCompletionRequest(ChatMessage.System("Be brief."), ChatMessage.User("Hi")) { Temperature = 0.5 };

        await Harness.ReadAllAsync(client.CompleteStreamingAsync(request, new ChatRequestOptions { ClientRequestId = "req-1" }));

        var received = Server.Requests.Single();
        Assert.That(received.Method, Is.EqualTo("POST"));
        Assert.That(received.Path, Is.EqualTo("/v1/chat/completions"));
        Assert.That(received.ClientRequestId, Is.EqualTo("req-1"));
        Assert.That(received.IsStreaming, Is.True);
        Assert.That((double)received.Json!["temperature"]!, Is.EqualTo(0.5));
        Assert.That(received.Chat!.Messages.Select(m => m.Role), Is.EqualTo(new[] { ChatRole.System, ChatRole.User }));
        Assert.That(received.Body, Does.Contain("\"Be brief.\""));
        Assert.That(received.ToString(), Does.StartWith("POST /v1/chat/completions {"));
    }

    [Test]
    public async Task Reset_ForgetsScriptedRepliesAndReceivedRequests()
    {
        Server.Enqueue(FakeReply.Completion("one"), FakeReply.Completion("two"));
        var client = Server.CreateClient();
        await client.CompleteAsync("Hi");

        Server.Reset();

        Assert.That(Server.PendingReplies, Is.Zero);
        Assert.That(Server.Requests, Is.Empty);
        Assert.That((await client.CompleteAsync("Hi")).Text, Is.EqualTo("Hello from the fake AI/ML API."));
    }

    [Test]
    public void DefaultReply_WhenSet_AnswersEveryUnscriptedRequest()
    {
        Server.DefaultReply = FakeReply.Error(503, "Maintenance.");
        var client = Server.CreateClient(o => o.RetryPolicy = RetryPolicy.None);

        var first = Assert.ThrowsAsync<AimlApiException>(() => client.CompleteAsync("a"))!;
        var second = Assert.ThrowsAsync<AimlApiException>(() => client.CompleteAsync("b"))!;

        Assert.That(new[] { first.StatusCode, second.StatusCode }, Is.All.EqualTo(503));
        Assert.That(second.ServiceMessage, Is.EqualTo("Maintenance."));
    }

    [Test]
    public async Task ReplyFactory_WhenNoScriptedReplyIsLeft_BuildsTheReplyFromTheRequest()
    {
        Server.Enqueue(FakeReply.Completion("scripted"));
        Server.DefaultReply = FakeReply.Completion("default");
        Server.ReplyFactory = request => FakeReply.Completion("echo: " + (string?)request.Json!["messages"]![0]!["content"]);
        var client = Server.CreateClient();

        var scripted = await client.CompleteAsync("a");
        var built = await client.CompleteAsync("b");

        Assert.That(scripted.Text, Is.EqualTo("scripted"));
        Assert.That(built.Text, Is.EqualTo("echo: b"));
    }

    [Test]
    public async Task WithReasoningTokens_WhenTheRequestSetsNoLimit_SpendsTheService512AndAnswersEmptyWithLength()
    {
        Server.Enqueue(FakeReply.Completion("The answer.").WithReasoningTokens(600));

        var completion = JObject.Parse(await PostTextAsync(HelloBody));

        var choice = completion["choices"]![0]!;
        Assert.That((string?)choice["message"]!["content"], Is.Empty);
        Assert.That((string?)choice["finish_reason"], Is.EqualTo("length"));
        Assert.That((int)completion["usage"]!["completion_tokens_details"]!["reasoning_tokens"]!, Is.EqualTo(FakeAimlServer.ServiceDefaultTokenLimit));
        Assert.That((int)completion["usage"]!["completion_tokens"]!, Is.EqualTo(512));
    }

    [TestCase("max_completion_tokens")]
    [TestCase("max_tokens")]
    public async Task WithReasoningTokens_WithinTheRequestLimit_AnswersInFull(string limitName)
    {
        Server.Enqueue(FakeReply.Completion("a b c").WithReasoningTokens(600));

        var completion = JObject.Parse(await PostTextAsync($$"""{"messages":[{"role":"user","content":"Hi"}],"{{limitName}}":1000}"""));

        Assert.That((string?)completion["choices"]![0]!["message"]!["content"], Is.EqualTo("a b c"));
        Assert.That((string?)completion["choices"]![0]!["finish_reason"], Is.EqualTo("stop"));
        Assert.That((int)completion["usage"]!["completion_tokens"]!, Is.EqualTo(603));
    }

    [Test]
    public async Task WithReasoningTokens_WhenReasoningAndAnswerPassTheLimit_CutsTheAnswerWithLength()
    {
        Server.Enqueue(FakeReply.Completion("a b c").WithReasoningTokens(600));
        var client = Server.CreateClient(o => o.TruncationBehavior = TruncationBehavior.Ignore);
        var request = new ChatCompletionRequest(ChatMessage.User("Hi")) { MaxCompletionTokens = 602 };

        var completion = await client.CompleteAsync(request);

        Assert.That(completion.Text, Is.EqualTo("a b"));
        Assert.That(completion.IsTruncated, Is.True);
        Assert.That(completion.ReasoningTokens, Is.EqualTo(600));
        Assert.That(completion.CompletionTokens, Is.EqualTo(602));
    }

    [Test]
    public async Task Post_WithoutMessages_AnswersTheServiceValidationError()
    {
        using var response = await PostAsync("""{"model":"google/gemini-2.5-flash","messages":[]}""");

        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That((string?)JObject.Parse(await response.Content.ReadAsStringAsync())["message"], Does.StartWith("Body validation error"));
    }

    [Test]
    public async Task Post_ToTheUnversionedPath_IsServedToo()
    {
        using var response = await PostAsync(HelloBody, "chat/completions");

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(Server.Requests.Single().Path, Is.EqualTo("/chat/completions"));
    }

    [TestCase("trace-1.a:b_c", true)]
    [TestCase("has space", false)]
    public async Task Post_WithAClientRequestId_EchoesItOnlyWhenValid(string id, bool echoed)
    {
        using var response = await PostAsync(HelloBody, clientRequestId: id);

        Assert.That(response.Headers.Contains("x-client-request-id"), Is.EqualTo(echoed));
        Assert.That(Server.Requests.Single().ClientRequestId, Is.EqualTo(id));
    }

    [Test]
    public async Task WithCost_OnACompletion_SendsTheCostHeadersAndMeta()
    {
        Server.Enqueue(FakeReply.Completion("Hi.").WithCost(1234, 0.000315m));

        using var response = await PostAsync(HelloBody);
        var body = JObject.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(response.Headers.GetValues("x-aimlapi-credits-used").Single(), Is.EqualTo("1234"));
        Assert.That(response.Headers.GetValues("x-aimlapi-usd-spent").Single(), Is.EqualTo("0.000315000"));
        Assert.That((decimal)body["meta"]!["usage"]!["credits_used"]!, Is.EqualTo(1234m));
    }

    [Test]
    public void ThenStreamError_EndsTheStreamWithTheServiceError()
    {
        Server.Enqueue(FakeReply.Completion("a b").ThenStreamError("Upstream overloaded."));
        var client = Server.CreateClient();

        var error = Assert.ThrowsAsync<GeminiStreamException>(() => Harness.ReadAllAsync(client.CompleteStreamingAsync("Hi")))!;

        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.ServiceError));
        Assert.That(error.ServiceMessage, Is.EqualTo("Upstream overloaded."));
        Assert.That(error.Partial.Text, Is.EqualTo("a b"));
    }

    [Test]
    public void WithoutDone_EndsTheStreamIncomplete()
    {
        Server.Enqueue(FakeReply.Completion("a b").WithoutDone());
        var client = Server.CreateClient();

        var error = Assert.ThrowsAsync<GeminiStreamException>(() => Harness.ReadAllAsync(client.CompleteStreamingAsync("Hi")))!;

        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.Incomplete));
    }

    private async Task<HttpResponseMessage> PostAsync(string json, string path = "v1/chat/completions", string? clientRequestId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Server.Url, path))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + FakeAimlServer.DefaultApiKey);
        if (clientRequestId is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Client-Request-Id", clientRequestId);
        }

        return await _http.SendAsync(request);
    }

    private async Task<string> PostTextAsync(string json)
    {
        using var response = await PostAsync(json);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<bool> WaitUntil(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(5);
        }

        return true;
    }
}
