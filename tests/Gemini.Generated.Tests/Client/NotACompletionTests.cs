using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Streaming;
using Gemini.Generated.Tests.Support;

namespace Gemini.Generated.Tests.Client;

/// <summary>A 200 body that is not a chat completion is an error, never an empty answer; usage sent with a stream's error is kept.</summary>
public class NotACompletionTests : FakeServerTestBase
{
    // OpenRouter's shape for a provider failure it answers with status 200.
    private const string GeminiShapedErrorBody = """
        {"error":{"message":"Provider returned error","code":502,
                  "metadata":{"raw":"{\n  \"error\": {\n    \"code\": 503,\n    \"message\": \"The model is overloaded. Please try again later.\",\n    \"status\": \"UNAVAILABLE\"\n  }\n}","provider_name":"Google AI Studio"}},
         "user_id":"user_2abc"}
        """;

    [TestCase("""{"error":{"message":"Upstream error","code":502}}""", "Upstream error", TestName = "CompleteAsync_When200CarriesAnError_ThrowsWithItsMessage")]
    [TestCase(GeminiShapedErrorBody, "Provider returned error", TestName = "CompleteAsync_When200CarriesAGeminiProviderError_ThrowsWithItsMessage")]
    public void CompleteAsync_When200CarriesAnError_ThrowsWithItsMessage(string body, string message)
    {
        foreach (var behavior in new[] { TruncationBehavior.Ignore, TruncationBehavior.ThrowWhenEmpty, TruncationBehavior.Throw })
        {
            Server.Enqueue(FakeReply.Raw(200, body));
        }

        foreach (var behavior in new[] { TruncationBehavior.Ignore, TruncationBehavior.ThrowWhenEmpty, TruncationBehavior.Throw })
        {
            var error = Assert.ThrowsAsync<AimlApiException>(() =>
                CreateClient().CompleteAsync(new ChatCompletionRequest(ChatMessage.User("Hi")), new ChatRequestOptions { TruncationBehavior = behavior }))!;

            Assert.That(error.StatusCode, Is.EqualTo(200));
            Assert.That(error.ServiceMessage, Is.EqualTo(message));
            Assert.That(error.Message, Does.StartWith("AIML API returned 200 OK: " + message + " ("));
            Assert.That(error.RawBody, Does.Contain("\"error\""));
            Assert.That(error.InnerException, Is.InstanceOf<Newtonsoft.Json.JsonException>());
        }
    }

    [TestCase("{}", TestName = "CompleteAsync_WhenTheBodyIsAnEmptyObject_ThrowsNotACompletion")]
    [TestCase("""{"id":"x","object":"chat.completion","choices":[]}""", TestName = "CompleteAsync_WhenTheBodyHasEmptyChoices_ThrowsNotACompletion")]
    [TestCase("""{"id":"x","choices":null,"usage":{"prompt_tokens":3,"completion_tokens":0,"total_tokens":3}}""", TestName = "CompleteAsync_WhenTheChoicesAreNull_ThrowsNotACompletion")]
    public void CompleteAsync_WhenTheBodyHasNoChoices_ThrowsNotACompletion(string body)
    {
        foreach (var behavior in new[] { TruncationBehavior.Ignore, TruncationBehavior.ThrowWhenEmpty, TruncationBehavior.Throw })
        {
            Server.Enqueue(FakeReply.Raw(200, body));
            var error = Assert.ThrowsAsync<AimlApiException>(() =>
                CreateClient().CompleteAsync(new ChatCompletionRequest(ChatMessage.User("Hi")), new ChatRequestOptions { TruncationBehavior = behavior }))!;

            Assert.That(error.StatusCode, Is.EqualTo(200));
            Assert.That(error.Message, Does.StartWith("AIML API returned 200 OK: the body is not a chat completion the SDK can read (the body has no choices)"));
            Assert.That(error.RawBody, Is.Not.Null);
        }
    }

    [Test]
    public void CompleteAsync_WhenABodyWithoutChoicesIsLong_KeepsACappedRedactedExcerpt()
    {
        var filler = new string('x', AimlApiException.MaxRawBodyLength * 2);
        Server.Enqueue(FakeReply.Raw(200, $$"""{"note":"echo {{SecretKey}} {{filler}}"}"""));

        var error = Assert.ThrowsAsync<AimlApiException>(() => CreateClient(options => options.ApiKey = SecretKey).CompleteAsync("Hi"))!;

        Assert.That(error.RawBody!.Length, Is.EqualTo(AimlApiException.MaxRawBodyLength));
        Assert.That(error.RawBody, Does.Not.Contain(SecretKey));
        Assert.That(error.RawBody, Does.Contain("[REDACTED]"));
        Assert.That(error.ToString(), Does.Not.Contain(SecretKey));
    }

    [Test]
    public async Task CompleteAsync_WhenTheBodyHasChoices_IsNotTouchedByTheCheck()
    {
        Server.Enqueue(FakeReply.Raw(200, """{"choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"4"}}],"error":null}"""));

        var completion = await CreateClient().CompleteAsync("Hi");

        Assert.That(completion.Text, Is.EqualTo("4"));
    }

    [TestCase(
        """{"id":"c1","choices":[],"error":{"message":"Provider disconnected"},"usage":{"prompt_tokens":43,"completion_tokens":10,"total_tokens":11}}""",
        "Provider disconnected",
        TestName = "CompleteStreamingAsync_WhenAnErrorChunkCarriesUsage_KeepsItInThePartial")]
    [TestCase(
        """{"id":"gen-1764","object":"chat.completion.chunk","created":1764547200,"model":"google/gemini-2.5-flash","provider":"Google AI Studio","error":{"code":"server_error","message":"Provider disconnected unexpectedly"},"choices":[{"index":0,"delta":{"content":""},"finish_reason":"error","native_finish_reason":"error"}],"usage":{"prompt_tokens":43,"completion_tokens":10,"total_tokens":11,"completion_tokens_details":{"reasoning_tokens":7}}}""",
        "Provider disconnected unexpectedly",
        TestName = "CompleteStreamingAsync_WhenAGeminiShapedErrorChunkCarriesUsage_KeepsItInThePartial")]
    public void CompleteStreamingAsync_WhenAnErrorChunkCarriesUsage_KeepsItInThePartial(string errorChunk, string message)
    {
        var error = Assert.ThrowsAsync<GeminiStreamException>(() => StreamingKit.StreamAsync(Sse.Content("Hel"), Sse.Content("lo"), Sse.Data(errorChunk)))!;

        Assert.That(error.Failure, Is.EqualTo(GeminiStreamFailure.ServiceError));
        Assert.That(error.ServiceMessage, Is.EqualTo(message));
        Assert.That(error.Message, Does.Contain("after 2 chunks"));
        Assert.That(error.Partial.Text, Is.EqualTo("Hello"));
        Assert.That(error.Partial.Usage, Is.Not.Null);
        Assert.That(error.Partial.Usage!.PromptTokens, Is.EqualTo(43));
        Assert.That(error.Partial.Usage.CompletionTokens, Is.EqualTo(10));
        Assert.That(error.Partial.Usage.TotalTokens, Is.EqualTo(11));
        Assert.That(error.Partial.AdditionalProperties.ContainsKey("error"), Is.True, "the error itself is kept with the partial answer");
    }
}
