using System;
using System.Linq;
using System.Threading.Tasks;

namespace Gemini.Generated.Tests.Client;

/// <summary>Where the key comes from (never OPENAI_API_KEY), and which base URLs are allowed.</summary>
public class ApiKeyAndBaseUrlTests : FakeServerTestBase
{
    [Test]
    public async Task Constructor_WhenTheOptionsHaveAKey_SendsItEvenIfTheEnvironmentHasOthers()
    {
        var options = Server.CreateClientOptions();
        options.ApiKey = "options-key";
        var environment = FakeEnvironment.Of(("AIML_API_KEY", "aiml-key"), ("AIMLAPI_API_KEY", "aimlapi-key"), ("OPENAI_API_KEY", "openai-key"));

        await SendWith(options, environment);

        Assert.That(SingleRequest().Header("Authorization"), Is.EqualTo("Bearer options-key"));
    }

    [Test]
    public async Task Constructor_WhenTheOptionsHaveNoKey_SendsAimlApiKey()
    {
        var environment = FakeEnvironment.Of(("AIML_API_KEY", "aiml-key"), ("AIMLAPI_API_KEY", "aimlapi-key"), ("OPENAI_API_KEY", "openai-key"));

        await SendWith(OptionsWithoutKey(), environment);

        Assert.That(SingleRequest().Header("Authorization"), Is.EqualTo("Bearer aiml-key"));
    }

    [Test]
    public async Task Constructor_WhenOnlyAimlapiApiKeyIsSet_SendsIt()
    {
        var environment = FakeEnvironment.Of(("AIMLAPI_API_KEY", "aimlapi-key"), ("OPENAI_API_KEY", "openai-key"));

        await SendWith(OptionsWithoutKey(), environment);

        Assert.That(SingleRequest().Header("Authorization"), Is.EqualTo("Bearer aimlapi-key"));
    }

    [Test]
    public async Task Constructor_WhenAimlApiKeyIsBlank_FallsBackToAimlapiApiKey()
    {
        var environment = FakeEnvironment.Of(("AIML_API_KEY", "  "), ("AIMLAPI_API_KEY", "aimlapi-key"));

        await SendWith(OptionsWithoutKey(), environment);

        Assert.That(SingleRequest().Header("Authorization"), Is.EqualTo("Bearer aimlapi-key"));
    }

    [Test]
    public void Constructor_WhenOnlyOpenAiApiKeyIsSet_ThrowsArgumentExceptionNamingTheVariablesItReads()
    {
        var environment = FakeEnvironment.Of(("OPENAI_API_KEY", "openai-key"));

        var error = Assert.Throws<ArgumentException>(() => _ = new GeminiClient(OptionsWithoutKey(), environment))!;

        Assert.That(error.Message, Does.Contain("AIML_API_KEY"));
        Assert.That(error.Message, Does.Contain("AIMLAPI_API_KEY"));
        Assert.That(error.Message, Does.Not.Contain("openai-key"));
    }

    [Test]
    public void Constructor_WhenNoKeyIsAnywhere_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => _ = new GeminiClient(OptionsWithoutKey(), FakeEnvironment.Of()))!;

        Assert.That(error.Message, Does.Contain("AIML_API_KEY"));
    }

    [Test]
    [NonParallelizable]
    public void FromEnvironment_WhenAimlApiKeyIsSet_UsesItBeforeAimlapiApiKey()
    {
        var client = FromEnvironmentWith(aimlApiKey: "first-key", aimlapiApiKey: "second-key", openAiApiKey: "openai-key");

        Assert.That(client.Redactor.Redact("first-key second-key openai-key"), Is.EqualTo("[REDACTED] second-key openai-key"));
    }

    [Test]
    [NonParallelizable]
    public void FromEnvironment_WhenOnlyAimlapiApiKeyIsSet_UsesIt()
    {
        var client = FromEnvironmentWith(aimlApiKey: null, aimlapiApiKey: "second-key", openAiApiKey: "openai-key");

        Assert.That(client.Redactor.Redact("second-key openai-key"), Is.EqualTo("[REDACTED] openai-key"));
    }

    [Test]
    [NonParallelizable]
    public void FromEnvironment_WhenOnlyOpenAiApiKeyIsSet_ThrowsNamingTheVariablesItReads()
    {
        var error = Assert.Throws<ArgumentException>(() => FromEnvironmentWith(aimlApiKey: null, aimlapiApiKey: null, openAiApiKey: "openai-key"))!;

        Assert.That(error.ParamName, Is.EqualTo("ApiKey"));
        Assert.That(error.Message, Does.Contain("AIML_API_KEY").And.Contain("AIMLAPI_API_KEY"));
        Assert.That(error.Message, Does.Contain("OPENAI_API_KEY is deliberately not read"));
        Assert.That(error.Message, Does.Not.Contain("openai-key"));
    }

    [TestCase("http://api.aimlapi.com")]
    [TestCase("http://10.0.0.5:8080")]
    [TestCase("http://localhost.example.com")]
    [TestCase("http://127.0.0.1.nip.io")]
    [TestCase("ftp://api.aimlapi.com")]
    public void Constructor_WhenTheBaseUrlIsNotHttpsOffLoopback_ThrowsArgumentExceptionNamingBaseUrl(string url)
    {
        var options = new GeminiClientOptions { ApiKey = SecretKey, BaseUrl = new Uri(url) };

        var error = Assert.Throws<ArgumentException>(() => _ = new GeminiClient(options))!;

        Assert.That(error.ParamName, Is.EqualTo("BaseUrl"));
        Assert.That(error.Message, Does.Contain("BaseUrl"));
        Assert.That(error.Message, Does.Not.Contain(SecretKey));
    }

    [TestCase("http://127.0.0.1:8080")]
    [TestCase("http://[::1]:8080")]
    [TestCase("http://localhost:8080")]
    [TestCase("http://LOCALHOST:8080")]
    [TestCase("https://api.aimlapi.com")]
    [TestCase("https://proxy.example.com/aiml")]
    public void Constructor_WhenTheBaseUrlIsHttpsOrLoopback_Accepts(string url)
    {
        var client = new GeminiClient(new GeminiClientOptions { ApiKey = SecretKey, BaseUrl = new Uri(url) });

        Assert.That(client.BaseUrl, Is.EqualTo(new Uri(url)));
    }

    [Test]
    public async Task CompleteAsync_OverHttpToLoopback_Succeeds()
    {
        Assert.That(Server.Url.Scheme, Is.EqualTo("http"));
        Assert.That(Server.Url.Host, Is.EqualTo("127.0.0.1"));

        var completion = await CreateClient().CompleteAsync("Hi");

        Assert.That(completion.Text, Is.Not.Empty);
    }

    /// <summary>
    /// <see cref="GeminiClient.FromEnvironment"/> with these variables set (null: unset) in the process environment, restored after.
    /// Its client sends only to the real service, so the tests see the key it holds through the redactor that masks it.
    /// </summary>
    private static GeminiClient FromEnvironmentWith(string? aimlApiKey, string? aimlapiApiKey, string? openAiApiKey)
    {
        var variables = new[] { ("AIML_API_KEY", aimlApiKey), ("AIMLAPI_API_KEY", aimlapiApiKey), ("OPENAI_API_KEY", openAiApiKey) };
        var saved = variables.Select(v => (Name: v.Item1, Value: Environment.GetEnvironmentVariable(v.Item1))).ToArray();
        try
        {
            foreach (var (name, value) in variables)
            {
                Environment.SetEnvironmentVariable(name, value);
            }

            return GeminiClient.FromEnvironment();
        }
        finally
        {
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    private GeminiClientOptions OptionsWithoutKey() => new() { BaseUrl = Server.Url, RetryPolicy = RetryPolicy.None };

    private static Task<ChatCompletion> SendWith(GeminiClientOptions options, Func<string, string?> environment) =>
        new GeminiClient(options, environment).CompleteAsync("Hi");
}
