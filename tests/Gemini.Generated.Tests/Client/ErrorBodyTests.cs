using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Support;

namespace Gemini.Generated.Tests.Client;

/// <summary>
/// How an error body becomes the exception's message, status text and ids: the documented body, the OpenAI-style one, and
/// bodies that are neither.
/// </summary>
public class ErrorBodyTests : FakeServerTestBase
{
    [TestCase(400, "AIML API returned 400 Bad Request: Too big")]
    [TestCase(401, "AIML API returned 401 Unauthorized: Too big")]
    [TestCase(403, "AIML API returned 403 Forbidden: Too big")]
    [TestCase(404, "AIML API returned 404 Not Found: Too big")]
    [TestCase(408, "AIML API returned 408 Request Timeout: Too big")]
    [TestCase(413, "AIML API returned 413 Payload Too Large: Too big")]
    [TestCase(418, "AIML API returned 418: Too big")]
    [TestCase(422, "AIML API returned 422 Unprocessable Entity: Too big")]
    [TestCase(429, "AIML API returned 429 Too Many Requests: Too big")]
    [TestCase(451, "AIML API returned 451 UnavailableForLegalReasons: Too big")]
    [TestCase(500, "AIML API returned 500 Internal Server Error: Too big")]
    [TestCase(502, "AIML API returned 502 Bad Gateway: Too big")]
    [TestCase(503, "AIML API returned 503 Service Unavailable: Too big")]
    [TestCase(504, "AIML API returned 504 Gateway Timeout: Too big")]
    public void Message_StartsWithTheStatusAndItsReasonWhenThereIsOne(int status, string start)
    {
        Server.Enqueue(FakeReply.Raw(status, """{"message":"Too big"}"""));

        var error = Assert.CatchAsync<AimlApiException>(() => NoRetries().CompleteAsync("Hi"))!;

        Assert.That(error.StatusCode, Is.EqualTo(status));
        Assert.That(error.Message, Is.EqualTo(start).Or.StartWith(start + " ("));
        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void Message_EndsWithEveryIdTheServiceAndTheCallerGave()
    {
        Server.Enqueue(FakeReply.Raw(400, """{"message":"Bad","requestId":"r-1"}""").WithInferenceId("inf-1"));

        var error = Assert.CatchAsync<AimlApiException>(() => NoRetries().CompleteAsync(
            new ChatCompletionRequest(ChatMessage.User("Hi")), new ChatRequestOptions { ClientRequestId = "c-1" }))!;

        Assert.That(error.Message, Is.EqualTo("AIML API returned 400 Bad Request: Bad (requestId r-1, x-inference-id inf-1, x-client-request-id c-1)"));
        Assert.That(error.ClientRequestId, Is.EqualTo("c-1"));
    }

    [Test]
    public void Message_OfABodyWithoutAMessage_SaysWhatKindOfBodyItWasAndQuotesIt()
    {
        Server.Enqueue(FakeReply.Raw(502, "<html>\n  <b>Bad</b>\tgateway\n</html>", "text/html").WithInferenceId("inf-2"));
        Server.Enqueue(FakeReply.Raw(400, """{"code":7}""").WithInferenceId("inf-3"));
        var client = NoRetries();

        var html = Assert.CatchAsync<AimlApiException>(() => client.CompleteAsync("Hi"))!;
        var json = Assert.CatchAsync<AimlApiException>(() => client.CompleteAsync("Hi"))!;

        Assert.That(html.Message, Is.EqualTo("AIML API returned 502 Bad Gateway with a non-JSON body (text/html): <html> <b>Bad</b> gateway </html> (x-inference-id inf-2)"));
        Assert.That(json.Message, Is.EqualTo("""AIML API returned 400 Bad Request with a JSON body without a message: {"code":7} (x-inference-id inf-3)"""));
    }

    [TestCase(200, false)]
    [TestCase(201, true)]
    public void Message_QuotesAtMost200CharactersOfTheBody(int length, bool cut)
    {
        var body = new string('x', length);
        Server.Enqueue(FakeReply.Raw(400, body, "text/plain").WithInferenceId("inf-4"));

        var error = Assert.CatchAsync<AimlApiException>(() => NoRetries().CompleteAsync("Hi"))!;

        var quoted = cut ? new string('x', 200) + "..." : body;
        Assert.That(error.Message, Is.EqualTo($"AIML API returned 400 Bad Request with a non-JSON body (text/plain): {quoted} (x-inference-id inf-4)"));
    }

    [TestCase(AimlApiException.MaxRawBodyLength, AimlApiException.MaxRawBodyLength)]
    [TestCase(AimlApiException.MaxRawBodyLength + 1, AimlApiException.MaxRawBodyLength)]
    public void RawBody_KeepsAtMostMaxRawBodyLengthCharacters(int length, int kept)
    {
        var body = "{\"message\":\"" + new string('m', length - 14) + "\"}";
        Assert.That(body, Has.Length.EqualTo(length));
        Server.Enqueue(FakeReply.Raw(400, body));

        var error = Assert.CatchAsync<AimlApiException>(() => NoRetries().CompleteAsync("Hi"))!;

        Assert.That(error.RawBody, Is.EqualTo(body.Substring(0, kept)));
    }

    [Test]
    public void Parse_TheDocumentedMessage_WinsOverErrorMessageThenAStringErrorThenDetail()
    {
        Assert.That(ErrorBody.Parse("""{"message":"top","error":{"message":"nested"},"detail":"d"}""").Message, Is.EqualTo("top"));
        Assert.That(ErrorBody.Parse("""{"message":null,"error":{"message":"nested"},"detail":"d"}""").Message, Is.EqualTo("nested"));
        Assert.That(ErrorBody.Parse("""{"error":"plain","detail":"d"}""").Message, Is.EqualTo("plain"));
        Assert.That(ErrorBody.Parse("""{"error":{"code":1},"detail":"d"}""").Message, Is.EqualTo("d"), "an error object without a message");
        Assert.That(ErrorBody.Parse("""{"detail":"d"}""").Message, Is.EqualTo("d"));
        Assert.That(ErrorBody.Parse("""{"other":1}""").Message, Is.Null);
    }

    [Test]
    public void Parse_AMessageThatIsNotAString_IsItsTextOrItsItemsOrItsJson()
    {
        Assert.That(ErrorBody.Parse("""{"message":42.5}""").Message, Is.EqualTo("42.5"));
        Assert.That(ErrorBody.Parse("""{"message":["a",null,"b"]}""").Message, Is.EqualTo("a; b"));
        Assert.That(ErrorBody.Parse("""{"message":{"field":"x"}}""").Message, Is.EqualTo("""{"field":"x"}"""));
        Assert.That(ErrorBody.Parse("""{"detail":[{"loc":["body"],"msg":"bad"}]}""").Message, Is.EqualTo("""{"loc":["body"],"msg":"bad"}"""));
    }

    [Test]
    public void Parse_TheIdsPathAndTimestamp_AreReadFromEitherShape()
    {
        var documented = ErrorBody.Parse("""{"message":"m","requestId":"r1","path":"/v1/chat/completions","timestamp":"2026-12-01T10:00:00Z"}""");
        Assert.That(documented.RequestId, Is.EqualTo("r1"));
        Assert.That(documented.Path, Is.EqualTo("/v1/chat/completions"));
        Assert.That(documented.Timestamp, Is.EqualTo(new System.DateTimeOffset(2026, 12, 1, 10, 0, 0, System.TimeSpan.Zero)));
        Assert.That(ErrorBody.Parse("""{"requestId":"r1","request_id":"r2","error":{"request_id":"r3"}}""").RequestId, Is.EqualTo("r1"));
        Assert.That(ErrorBody.Parse("""{"request_id":"r2","error":{"request_id":"r3"}}""").RequestId, Is.EqualTo("r2"));
        Assert.That(ErrorBody.Parse("""{"error":{"request_id":"r3"}}""").RequestId, Is.EqualTo("r3"));
        Assert.That(ErrorBody.Parse("""{"timestamp":"not a time"}""").Timestamp, Is.Null);
    }

    [TestCase(null, false)]
    [TestCase("   ", false)]
    [TestCase("Bad Gateway", false)]
    [TestCase("{not json", false)]
    [TestCase("""["a"]""", true)]
    [TestCase(" \n{}", true)]
    public void Parse_ABodyThatIsNotAnObject_HasNoMessageAndSaysWhetherItIsJson(string? body, bool isJson)
    {
        var parsed = ErrorBody.Parse(body);

        Assert.That(parsed.IsJson, Is.EqualTo(isJson));
        Assert.That(parsed.Message, Is.Null);
        Assert.That(parsed.RequestId, Is.Null);
    }

    private GeminiClient NoRetries() => CreateClient(o => o.RetryPolicy = Reliability.Harness.FastRetries(0));
}
