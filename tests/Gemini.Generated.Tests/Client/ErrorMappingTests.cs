using System;
using System.Linq;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Support;

namespace Gemini.Generated.Tests.Client;

/// <summary>Every error shape the service (or a proxy in front of it) sends becomes an <see cref="AimlApiException"/> with its fields.</summary>
public class ErrorMappingTests : FakeServerTestBase
{
    private static readonly ChatRequestOptions Traced = new() { ClientRequestId = "trace-err-1" };

    [TestCase(500, "\"500\"", TestName = "{m}(statusCode as a string)")]
    [TestCase(404, "404", TestName = "{m}(statusCode as a number)")]
    public async Task CompleteAsync_WhenTheBodyIsTheDocumentedOne_MapsEveryField(int status, string statusCodeJson)
    {
        var body = $$"""
            {
              "message": "Model google/gemini-9 is not available: upstream crashed",
              "path": "/v1/chat/completions",
              "requestId": "req-a1b2",
              "statusCode": {{statusCodeJson}},
              "timestamp": "2026-01-16T10:20:30.123Z"
            }
            """;

        var error = await ApiErrorAsync(FakeReply.Raw(status, body).WithInferenceId("inf-77"), Traced);

        Assert.That(error, Is.TypeOf<AimlApiException>());
        Assert.That(error.StatusCode, Is.EqualTo(status));
        Assert.That(error.ServiceMessage, Is.EqualTo("Model google/gemini-9 is not available: upstream crashed"));
        Assert.That(error.RequestId, Is.EqualTo("req-a1b2"));
        Assert.That(error.Path, Is.EqualTo("/v1/chat/completions"));
        Assert.That(error.Timestamp, Is.EqualTo(new DateTimeOffset(2026, 1, 16, 10, 20, 30, 123, TimeSpan.Zero)));
        Assert.That(error.InferenceId, Is.EqualTo("inf-77"));
        Assert.That(error.ClientRequestId, Is.EqualTo("trace-err-1"));
        Assert.That(error.RawBody, Is.EqualTo(body));
        Assert.That(error.IsTransient, Is.EqualTo(status >= 500));
        Assert.That(error.Message, Does.Contain(status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(error.Message, Does.Contain("Model google/gemini-9 is not available: upstream crashed"));
        Assert.That(error.Message, Does.Contain("req-a1b2"));
        Assert.That(error.Message, Does.Contain("inf-77"));
        Assert.That(error.Message, Does.Contain("trace-err-1"));
    }

    [Test]
    public async Task CompleteAsync_WhenTheBodyIsOpenAiStyle_TakesTheNestedMessage()
    {
        var error = await ApiErrorAsync(
            FakeReply.Raw(422, """{"error":{"message":"Invalid value for 'seed': expected an integer.","type":"invalid_request_error","param":"seed","code":null}}"""));

        Assert.That(error.StatusCode, Is.EqualTo(422));
        Assert.That(error.ServiceMessage, Is.EqualTo("Invalid value for 'seed': expected an integer."));
        Assert.That(error.RequestId, Is.Null);
        Assert.That(error.Path, Is.Null);
        Assert.That(error.Timestamp, Is.Null);
        Assert.That(error.RawBody, Does.Contain("invalid_request_error"));
        Assert.That(error.Message, Does.Contain("422"));
        Assert.That(error.Message, Does.Contain("Invalid value for 'seed': expected an integer."));
    }

    [Test]
    public async Task CompleteAsync_WhenAProxyAnswersWithAnHtml502_KeepsThePageAndSaysItIsNotJson()
    {
        const string page = """
            <html>
            <head><title>502 Bad Gateway</title></head>
            <body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body>
            </html>
            """;

        var error = await ApiErrorAsync(FakeReply.Raw(502, page, "text/html").WithInferenceId("inf-502"), Traced);

        Assert.That(error, Is.TypeOf<AimlApiException>());
        Assert.That(error.StatusCode, Is.EqualTo(502));
        Assert.That(error.ServiceMessage, Is.Null);
        Assert.That(error.RawBody, Is.EqualTo(page));
        Assert.That(error.InferenceId, Is.EqualTo("inf-502"));
        Assert.That(error.ClientRequestId, Is.EqualTo("trace-err-1"));
        Assert.That(error.IsTransient, Is.True);
        Assert.That(error.Message, Does.Contain("502"));
        Assert.That(error.Message, Does.Contain("Bad Gateway"));
        Assert.That(error.Message, Does.Contain("text/html"));
        Assert.That(error.Message, Does.Contain("nginx"), "an excerpt of the page");
    }

    [Test]
    public async Task CompleteAsync_WhenAnErrorStatusHasAnEmptyBody_SaysTheBodyIsEmpty()
    {
        var error = await ApiErrorAsync(FakeReply.Empty(503).WithInferenceId("inf-503"));

        Assert.That(error.StatusCode, Is.EqualTo(503));
        Assert.That(error.ServiceMessage, Is.Null);
        Assert.That(error.RawBody, Is.Null.Or.Empty);
        Assert.That(error.InferenceId, Is.EqualTo("inf-503"));
        Assert.That(error.Message, Does.Contain("503"));
        Assert.That(error.Message, Does.Contain("Service Unavailable"));
        Assert.That(error.Message, Does.Contain("empty body"));
    }

    [Test]
    public async Task CompleteAsync_When200HasAnEmptyBody_ThrowsApiExceptionSayingACompletionWasExpected()
    {
        var error = await ApiErrorAsync(FakeReply.Empty(200));

        Assert.That(error.StatusCode, Is.EqualTo(200));
        Assert.That(error.Message, Does.Contain("200"));
        Assert.That(error.Message, Does.Contain("empty"));
    }

    [Test]
    public async Task CompleteAsync_When200IsAnHtmlPage_ThrowsApiExceptionKeepingThePage()
    {
        const string page = "<html><body><h1>Sign in to the corporate proxy</h1></body></html>";

        var error = await ApiErrorAsync(FakeReply.Raw(200, page, "text/html").WithInferenceId("inf-200"), Traced);

        Assert.That(error, Is.TypeOf<AimlApiException>());
        Assert.That(error.StatusCode, Is.EqualTo(200));
        Assert.That(error.InferenceId, Is.EqualTo("inf-200"));
        Assert.That(error.ClientRequestId, Is.EqualTo("trace-err-1"));
        Assert.That(error.Message, Does.Contain("200"));
        Assert.That(error.Message, Does.Contain("not a chat completion"));
        Assert.That(error.RawBody, Is.EqualTo(page), "the body that could not be read is kept for diagnosis");
    }

    [Test]
    public async Task CompleteAsync_WhenAProxyErrorDoesNotEchoTheClientRequestId_TheExceptionCarriesTheIdSent()
    {
        await using var proxy = new RawHttpServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteResponseAsync(504, "<html><body>504 Gateway Time-out</body></html>", "text/html");
        });
        var client = new GeminiClient(new GeminiClientOptions { BaseUrl = proxy.Url, ApiKey = SecretKey, RetryPolicy = RetryPolicy.None });

        var error = Assert.ThrowsAsync<AimlApiException>(() => client.CompleteAsync(new ChatCompletionRequest(ChatMessage.User("Hi")), Traced))!;

        Assert.That(proxy.Requests.Single().Headers["X-Client-Request-Id"], Is.EqualTo("trace-err-1"));
        Assert.That(error.StatusCode, Is.EqualTo(504));
        Assert.That(error.ClientRequestId, Is.EqualTo("trace-err-1"));
        Assert.That(error.InferenceId, Is.Null);
        Assert.That(error.Message, Does.Contain("504"));
        Assert.That(error.Message, Does.Contain("Gateway Time-out"));
        Assert.That(error.Message, Does.Contain("trace-err-1"));
    }

    [Test]
    public async Task CompleteAsync_WhenTheMessageIsAnArrayOfDetails_JoinsThem()
    {
        var error = await ApiErrorAsync(FakeReply.Raw(400, """
            {"statusCode":400,"message":["messages: Required","temperature: Expected number, received string"],"error":"Bad Request"}
            """));

        Assert.That(error.StatusCode, Is.EqualTo(400));
        Assert.That(error.ServiceMessage, Is.EqualTo("messages: Required; temperature: Expected number, received string"));
        Assert.That(error.Message, Does.Contain("messages: Required"));
        Assert.That(error.Message, Does.Contain("temperature: Expected number"));
    }

    [Test]
    public async Task CompleteAsync_When429_ThrowsRateLimitExceptionWithRetryAfter()
    {
        var error = await ApiErrorAsync(FakeReply.RateLimit(TimeSpan.FromSeconds(7), "Free-tier limit: You've reached your free limit for the hour.").WithInferenceId("inf-429"), Traced);

        Assert.That(error, Is.TypeOf<AimlApiRateLimitException>());
        var rateLimit = (AimlApiRateLimitException)error;
        Assert.That(rateLimit.StatusCode, Is.EqualTo(429));
        Assert.That(rateLimit.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(7)));
        Assert.That(rateLimit.ServiceMessage, Is.EqualTo("Free-tier limit: You've reached your free limit for the hour."));
        Assert.That(rateLimit.RequestId, Does.StartWith("fake-request-"));
        Assert.That(rateLimit.Path, Is.EqualTo("/v1/chat/completions"));
        Assert.That(rateLimit.Timestamp, Is.Not.Null);
        Assert.That(rateLimit.InferenceId, Is.EqualTo("inf-429"));
        Assert.That(rateLimit.ClientRequestId, Is.EqualTo("trace-err-1"));
        Assert.That(rateLimit.IsTransient, Is.True);
        Assert.That(rateLimit.Message, Does.Contain("429"));
        Assert.That(rateLimit.Message, Does.Contain("Free-tier limit"));
        Assert.That(Server.Requests, Has.Count.EqualTo(1), "RetryPolicy.None: one attempt");
    }

    [Test]
    public async Task CompleteAsync_When429WithoutRetryAfter_HasNoRetryAfter()
    {
        var error = await ApiErrorAsync(FakeReply.RateLimit());

        Assert.That(error, Is.TypeOf<AimlApiRateLimitException>());
        Assert.That(((AimlApiRateLimitException)error).RetryAfter, Is.Null);
    }

    [TestCase(401, "Unauthorized: missing or invalid API key.", "Unauthorized")]
    [TestCase(403, "Forbidden: you have no credits left.", "Forbidden")]
    public async Task CompleteAsync_When401Or403_ThrowsAuthenticationException(int status, string serviceMessage, string reason)
    {
        var error = await ApiErrorAsync(FakeReply.Error(status, serviceMessage));

        Assert.That(error, Is.TypeOf<AimlApiAuthenticationException>());
        Assert.That(error.StatusCode, Is.EqualTo(status));
        Assert.That(error.ServiceMessage, Is.EqualTo(serviceMessage));
        Assert.That(error.IsTransient, Is.False);
        Assert.That(error.Message, Does.Contain(status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(error.Message, Does.Contain(reason));
        Assert.That(error.Message, Does.Contain(serviceMessage));
    }

    [Test]
    public async Task CompleteAsync_When400BodyValidationError_ThrowsApiExceptionWithTheDetails()
    {
        const string details = "Body validation error: response_format.type: Invalid enum value. Expected 'text' | 'json_object' | 'json_schema', received 'xml'";

        var error = await ApiErrorAsync(FakeReply.Error(400, details), Traced, o => o.RetryPolicy = RetryPolicy.Default);

        Assert.That(error, Is.TypeOf<AimlApiException>());
        Assert.That(error.StatusCode, Is.EqualTo(400));
        Assert.That(error.ServiceMessage, Is.EqualTo(details));
        Assert.That(error.ClientRequestId, Is.EqualTo("trace-err-1"));
        Assert.That(error.Message, Does.Contain("400"));
        Assert.That(error.Message, Does.Contain("Bad Request"));
        Assert.That(error.Message, Does.Contain(details));
        Assert.That(Server.Requests, Has.Count.EqualTo(1), "400 is never retried, even by the default policy");
    }

    [Test]
    public async Task CompleteAsync_WhenTheErrorBodyIsHuge_CapsRawBody()
    {
        var body = $$"""{"message":"Too much","statusCode":"500","detail":"{{new string('x', 3 * AimlApiException.MaxRawBodyLength)}}"}""";

        var error = await ApiErrorAsync(FakeReply.Raw(500, body));

        Assert.That(error.RawBody, Has.Length.EqualTo(AimlApiException.MaxRawBodyLength));
        Assert.That(body, Does.StartWith(error.RawBody!));
        Assert.That(error.ServiceMessage, Is.EqualTo("Too much"));
        Assert.That(error.Message.Length, Is.LessThan(AimlApiException.MaxRawBodyLength), "the message is not the whole body");
    }
}
