using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Newtonsoft.Json;

namespace Gemini.Generated.Tests.Client;

/// <summary>The API key never shows in an exception, a ToString or serialized options, even when the server echoes it.</summary>
public class KeyRedactionTests : FakeServerTestBase
{
    [Test]
    public async Task CompleteAsync_WhenA401BodyEchoesTheKey_TheExceptionDoesNotShowIt()
    {
        var error = await ErrorEchoingTheKeyAsync(
            FakeReply.Raw(401, $$"""{"message":"Invalid API key {{SecretKey}}","path":"/v1/chat/completions","requestId":"req-401","statusCode":"401","timestamp":"2026-01-16T10:20:30.000Z"}"""));

        Assert.That(error, Is.TypeOf<AimlApiAuthenticationException>());
        Assert.That(error.ServiceMessage, Does.StartWith("Invalid API key"), "the service's message is kept, minus the key");
        Assert.That(error.RawBody, Does.Contain("req-401"), "the body is kept, minus the key");
        AssertHidesTheKey(error);
    }

    [Test]
    public async Task CompleteAsync_WhenAnHtmlErrorPageEchoesTheKey_TheExceptionDoesNotShowIt()
    {
        var error = await ErrorEchoingTheKeyAsync(
            FakeReply.Raw(502, $"<html><body><h1>502 Bad Gateway</h1><pre>Authorization: Bearer {SecretKey}</pre></body></html>", "text/html"));

        Assert.That(error.RawBody, Does.Contain("502 Bad Gateway"));
        AssertHidesTheKey(error);
    }

    [Test]
    public async Task CompleteAsync_WhenA400MessageEchoesTheKeyInAnOpenAiStyleBody_TheExceptionDoesNotShowIt()
    {
        var error = await ErrorEchoingTheKeyAsync(
            FakeReply.Raw(400, $$$"""{"error":{"message":"Body validation error: unexpected key {{{SecretKey}}} in body","type":"invalid_request_error"}}"""));

        Assert.That(error.ServiceMessage, Does.StartWith("Body validation error"));
        AssertHidesTheKey(error);
    }

    [Test]
    public async Task CompleteAsync_WhenAnUnreadable200BodyEchoesTheKey_TheExceptionDoesNotShowIt()
    {
        // The key lands where a number belongs, so the JSON reader's own error message quotes it.
        var error = await ErrorEchoingTheKeyAsync(
            FakeReply.Raw(200, $$"""{"id":"chatcmpl-1","object":"chat.completion","created":"{{SecretKey}}","choices":[]}"""));

        Assert.That(error.StatusCode, Is.EqualTo(200));
        Assert.That(error.Message, Does.Contain("created"), "the message says which field could not be read");
        AssertHidesTheKey(error);
    }

    [Test]
    public async Task ToStringAndSerialization_OfOptionsClientPolicyCallOptionsAndResponseInfo_DoNotShowTheKey()
    {
        var options = Server.CreateClientOptions();
        options.ApiKey = SecretKey;
        options.RetryPolicy = RetryPolicy.None;
        var client = new GeminiClient(options);
        var callOptions = new ChatRequestOptions { ClientRequestId = "trace-1" };
        // A debugging proxy that echoes the request's Authorization header back.
        Server.Enqueue(FakeReply.Completion("ok").WithHeader("x-echo-authorization", "Bearer " + SecretKey));
        var completion = await client.CompleteAsync(new ChatCompletionRequest(ChatMessage.User("Hi")), callOptions);

        var newtonsoft = JsonConvert.SerializeObject(options);
        var systemTextJson = System.Text.Json.JsonSerializer.Serialize(options);

        Assert.That(options.HasApiKey, Is.True);
        Assert.That(options.ToString(), Does.Contain("ApiKey = (set)"));
        Assert.That(newtonsoft, Does.Contain("\"HasApiKey\":true"));
        Assert.That(systemTextJson, Does.Contain("\"HasApiKey\":true"));
        Assert.That(SingleRequest().Header("Authorization"), Is.EqualTo("Bearer " + SecretKey), "the key was sent");
        KeyScan.AssertAbsent(SecretKey, new[]
        {
            ("GeminiClientOptions.ToString()", options.ToString()),
            ("GeminiClient.ToString()", client.ToString()),
            ("RetryPolicy.ToString()", options.RetryPolicy.ToString()),
            ("RetryPolicy.Default.ToString()", RetryPolicy.Default.ToString()),
            ("ChatRequestOptions.ToString()", callOptions.ToString()),
            ("ResponseInfo.ToString()", completion.ResponseInfo!.ToString()),
            ("Newtonsoft.Json of GeminiClientOptions", newtonsoft),
            ("System.Text.Json of GeminiClientOptions", systemTextJson),
        });
    }

    [TestCase("k", "loopback k", "loopback [REDACTED]")]
    [TestCase("test", "the test-suite sent test.", "the test-suite sent [REDACTED].")]
    [TestCase("test", "testing, contest, test_1, test", "testing, contest, test_1, [REDACTED]")]
    [TestCase("k", "k", "[REDACTED]")]
    [TestCase(SecretKey, "Bearer%20" + SecretKey + "%22", "Bearer%20[REDACTED]%22")]
    [TestCase(SecretKey, "x" + SecretKey + SecretKey, "x[REDACTED][REDACTED]")]
    public void Redact_RemovesAShortKeyOnlyAsAWholeToken_AndALongKeyAnywhere(string key, string text, string expected)
    {
        Assert.That(new Redactor(key).Redact(text), Is.EqualTo(expected));
    }

    [Test]
    public void Safe_WhenAMessageHoldsAShortKeyOnlyInsideWords_KeepsTheException()
    {
        var exception = new System.Net.Http.HttpRequestException("Connection refused (127.0.0.1:8080) on loopback");

        Assert.That(new Redactor("k").Safe(exception), Is.SameAs(exception));
        Assert.That(new Redactor("8080").Safe(exception), Is.Not.SameAs(exception));
    }

    [Test]
    public async Task CompleteAsync_WithAShortKey_KeepsTheServicesMessageWhole_AndRedactsTheKeyWhereItStandsAlone()
    {
        var error = await ApiErrorAsync(
            FakeReply.Raw(401, """{"message":"Invalid token for model google/gemini-2.5-flash: key k was not found on the loopback test account","path":"/v1/chat/completions","requestId":"req-7","statusCode":"401","timestamp":"2026-01-16T10:20:30.000Z"}"""),
            configure: o => o.ApiKey = "k");

        Assert.That(error.ServiceMessage, Is.EqualTo("Invalid token for model google/gemini-2.5-flash: key [REDACTED] was not found on the loopback test account"));
        Assert.That(error.RawBody, Does.Contain("\"requestId\":\"req-7\""));
    }

    private Task<AimlApiException> ErrorEchoingTheKeyAsync(FakeReply reply) => ApiErrorAsync(reply, configure: o => o.ApiKey = SecretKey);

    private static void AssertHidesTheKey(AimlApiException error) =>
        KeyScan.AssertAbsent(SecretKey, new[]
        {
            ("Message", error.Message),
            ("ServiceMessage", error.ServiceMessage),
            ("RawBody", error.RawBody),
            ("ToString()", error.ToString()),
        });
}
