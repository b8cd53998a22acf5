using System;
using System.Threading.Tasks;
using Newtonsoft.Json;

namespace Gemini.Generated.Tests.Client;

/// <summary>The default token limit: sent when the request sets none, overridden, switched off, validated; the request untouched.</summary>
public class TokenLimitTests : FakeServerTestBase
{
    [Test]
    public async Task CompleteAsync_WhenTheRequestSetsNoLimit_SendsTheDefaultAsMaxCompletionTokens()
    {
        var client = CreateClient();

        var completion = await client.CompleteAsync(new ChatCompletionRequest(ChatMessage.User("Hi")));

        var sent = SingleRequest().Json!;
        Assert.That((int?)sent["max_completion_tokens"], Is.EqualTo(GeminiClientOptions.DefaultTokenLimit));
        Assert.That(GeminiClientOptions.DefaultTokenLimit, Is.EqualTo(15000));
        Assert.That(sent.ContainsKey("max_tokens"), Is.False, "max_tokens sent beside the default");
        Assert.That(completion.TokenLimit, Is.EqualTo(15000));
        Assert.That(client.DefaultMaxCompletionTokens, Is.EqualTo(15000));
    }

    [Test]
    public async Task CompleteAsync_WhenTheDefaultIsChanged_SendsTheNewDefault()
    {
        var sent = await SendAndCaptureAsync(new ChatCompletionRequest(ChatMessage.User("Hi")), o => o.DefaultMaxCompletionTokens = 8000);

        Assert.That((int?)sent["max_completion_tokens"], Is.EqualTo(8000));
    }

    [TestCase("max_completion_tokens", "max_tokens")]
    [TestCase("max_tokens", "max_completion_tokens")]
    public async Task CompleteAsync_WhenTheRequestSetsOneLimit_SendsItAndNoDefaultBesideIt(string limitSent, string limitAbsent)
    {
        var request = new ChatCompletionRequest(ChatMessage.User("Hi"));
        if (limitSent == "max_tokens")
        {
            request.MaxTokens = 4096;
        }
        else
        {
            request.MaxCompletionTokens = 4096;
        }

        var completion = await CreateClient().CompleteAsync(request);

        var sent = SingleRequest().Json!;
        Assert.That((int?)sent[limitSent], Is.EqualTo(4096));
        Assert.That(sent.ContainsKey(limitAbsent), Is.False, $"{limitAbsent} sent beside {limitSent}");
        Assert.That(completion.TokenLimit, Is.EqualTo(4096));
    }

    [Test]
    public async Task CompleteAsync_WhenTheRequestSetsBothLimits_SendsBothAsGiven()
    {
        var sent = await SendAndCaptureAsync(new ChatCompletionRequest(ChatMessage.User("Hi")) { MaxCompletionTokens = 1000, MaxTokens = 900 });

        Assert.That((int?)sent["max_completion_tokens"], Is.EqualTo(1000));
        Assert.That((int?)sent["max_tokens"], Is.EqualTo(900));
    }

    [Test]
    public async Task CompleteAsync_WhenTheDefaultIsSwitchedOff_SendsNoLimit()
    {
        var client = CreateClient(o => o.DefaultMaxCompletionTokens = null);

        var completion = await client.CompleteAsync(new ChatCompletionRequest(ChatMessage.User("Hi")));

        var sent = SingleRequest().Json!;
        Assert.That(sent.ContainsKey("max_completion_tokens"), Is.False);
        Assert.That(sent.ContainsKey("max_tokens"), Is.False);
        Assert.That(completion.TokenLimit, Is.Null);
    }

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(int.MinValue)]
    public void Constructor_WhenDefaultMaxCompletionTokensIsNotPositive_ThrowsArgumentOutOfRange(int limit)
    {
        var options = Server.CreateClientOptions();
        options.DefaultMaxCompletionTokens = limit;

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new GeminiClient(options))!;

        Assert.That(error.ParamName, Is.EqualTo("DefaultMaxCompletionTokens"));
        Assert.That(Server.Requests, Is.Empty);
    }

    [Test]
    public async Task CompleteAsync_NeverChangesTheCallersRequest()
    {
        var request = new ChatCompletionRequest(ChatMessage.System("Be brief."), ChatMessage.User("Hi"));
        var messages = request.Messages;
        var before = JsonConvert.SerializeObject(request, GeminiJson.Settings);
        var client = CreateClient();

        await client.CompleteAsync(request);
        await client.CompleteStreamingAsync(request).GetCompletionAsync();

        Assert.That(Server.Requests, Has.Count.EqualTo(2));
        Assert.That(JsonConvert.SerializeObject(request, GeminiJson.Settings), Is.EqualTo(before));
        Assert.That(request.Model, Is.Null);
        Assert.That(request.MaxCompletionTokens, Is.Null);
        Assert.That(request.MaxTokens, Is.Null);
        Assert.That(request.Stream, Is.Null);
        Assert.That(request.StreamOptions, Is.Null);
        Assert.That(request.Messages, Is.SameAs(messages));
        Assert.That(request.Messages, Has.Count.EqualTo(2));
        Assert.That(request.AdditionalProperties, Is.Empty);
    }
}
