using System;
using System.Threading.Tasks;

namespace Gemini.Generated.Tests.Client;

/// <summary>The headers every request carries, and the client request id sent, echoed and validated.</summary>
public class HeaderTests : FakeServerTestBase
{
    [Test]
    public async Task CompleteAsync_SendsBearerKeyUserAgentAndJsonAccept()
    {
        var client = CreateClient(o => o.ApiKey = SecretKey);

        await client.CompleteAsync("Hi");

        var sent = SingleRequest();
        Assert.That(sent.Header("Authorization"), Is.EqualTo("Bearer " + SecretKey));
        Assert.That(sent.Header("User-Agent"), Does.StartWith("Gemini.Generated/"));
        Assert.That(sent.Header("Accept"), Is.EqualTo("application/json"));
        Assert.That(sent.Header("Content-Type"), Does.StartWith("application/json"));
        Assert.That(sent.Path, Is.EqualTo("/v1/chat/completions"));
        Assert.That(sent.Method, Is.EqualTo("POST"));
    }

    [Test]
    public async Task CompleteAsync_WhenAnApplicationIdIsSet_AppendsItToTheUserAgent()
    {
        var client = CreateClient(o => o.ApplicationId = "acme-search/2.1");

        await client.CompleteAsync("Hi");

        var userAgent = SingleRequest().Header("User-Agent");
        Assert.That(userAgent, Does.StartWith("Gemini.Generated/"));
        Assert.That(userAgent, Does.EndWith(" acme-search/2.1"));
    }

    [Test]
    public async Task CompleteAsync_WithAClientRequestId_SendsItAndExposesTheEcho()
    {
        var client = CreateClient();

        var completion = await client.CompleteAsync(new ChatCompletionRequest(ChatMessage.User("Hi")), new ChatRequestOptions { ClientRequestId = "order-42:retry_1.a-b" });

        Assert.That(SingleRequest().ClientRequestId, Is.EqualTo("order-42:retry_1.a-b"));
        Assert.That(completion.ClientRequestId, Is.EqualTo("order-42:retry_1.a-b"));
        Assert.That(completion.ResponseInfo!.ClientRequestId, Is.EqualTo("order-42:retry_1.a-b"));
    }

    [Test]
    public async Task CompleteAsync_WithAClientRequestIdOfTheMaximumLength_SendsIt()
    {
        var id = new string('a', ChatRequestOptions.MaxClientRequestIdLength);
        var client = CreateClient();

        var completion = await client.CompleteAsync(new ChatCompletionRequest(ChatMessage.User("Hi")), new ChatRequestOptions { ClientRequestId = id });

        Assert.That(SingleRequest().ClientRequestId, Is.EqualTo(id));
        Assert.That(completion.ClientRequestId, Is.EqualTo(id));
    }

    [Test]
    public async Task CompleteAsync_WithoutAClientRequestId_SendsNone()
    {
        var completion = await CreateClient().CompleteAsync("Hi");

        Assert.That(SingleRequest().ClientRequestId, Is.Null);
        Assert.That(completion.ClientRequestId, Is.Null);
    }

    [TestCase("", TestName = "{m}(empty)")]
    [TestCase("has space", TestName = "{m}(space)")]
    [TestCase("semi;colon", TestName = "{m}(semicolon)")]
    [TestCase("slash/id", TestName = "{m}(slash)")]
    [TestCase("caf\u00e9", TestName = "{m}(non-ASCII)")]
    [TestCase("line\nbreak", TestName = "{m}(newline)")]
    [TestCase("order-1\n", TestName = "{m}(trailing newline)")]
    [TestCase("order-1\r\n", TestName = "{m}(trailing CRLF)")]
    public void CompleteAsync_WhenTheClientRequestIdHasBadCharacters_ThrowsArgumentExceptionBeforeSending(string id)
    {
        AssertRefusedBeforeSending(id);
    }

    [Test]
    public void CompleteAsync_WhenTheClientRequestIdIsTooLong_ThrowsArgumentExceptionBeforeSending()
    {
        AssertRefusedBeforeSending(new string('a', ChatRequestOptions.MaxClientRequestIdLength + 1));
    }

    [Test]
    public void CompleteStreamingAsync_WhenTheClientRequestIdIsInvalid_ThrowsArgumentExceptionBeforeSending()
    {
        var client = CreateClient();

        var error = Assert.Throws<ArgumentException>(() =>
            client.CompleteStreamingAsync(new ChatCompletionRequest(ChatMessage.User("Hi")), new ChatRequestOptions { ClientRequestId = "bad id" }))!;

        Assert.That(error.ParamName, Is.EqualTo("ClientRequestId"));
        Assert.That(Server.Requests, Is.Empty);
    }

    private void AssertRefusedBeforeSending(string id)
    {
        var client = CreateClient();

        var error = Assert.ThrowsAsync<ArgumentException>(() =>
            client.CompleteAsync(new ChatCompletionRequest(ChatMessage.User("Hi")), new ChatRequestOptions { ClientRequestId = id }))!;

        Assert.That(error.ParamName, Is.EqualTo("ClientRequestId"));
        Assert.That(error.Message, Does.Contain("X-Client-Request-Id"));
        Assert.That(Server.Requests, Is.Empty, "the fake server received a request");
    }
}
