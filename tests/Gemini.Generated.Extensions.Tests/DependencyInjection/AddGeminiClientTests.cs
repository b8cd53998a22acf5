using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Gemini.Generated.Extensions.Tests.Support;
using Gemini.Generated.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Gemini.Generated.Extensions.Tests.DependencyInjection;

/// <summary>services.AddGeminiClient: configuration binding (the key included), validation at startup, IHttpClientFactory, the IChatClient.</summary>
public class AddGeminiClientTests : FakeServerTest
{
    private const string Key = "sk-from-configuration-0123456789";

    [Test]
    public async Task AddGeminiClient_FromAConfigurationSection_BindsEverySettingAndTheKey()
    {
        Server.RequiredApiKey = Key;
        using var host = BuildHost(services => services.AddGeminiClient(Section(("ApiKey", Key), ("DefaultMaxCompletionTokens", "4000"), ("RetryPolicy:MaxRetries", "0"))));

        var client = host.Services.GetRequiredService<GeminiClient>();
        await client.CompleteAsync("Hi");

        Assert.That(client.DefaultMaxCompletionTokens, Is.EqualTo(4000));
        Assert.That(Server.Requests.Single().Header("Authorization"), Is.EqualTo("Bearer " + Key));
        Assert.That((int)Server.Requests.Single().Json!["max_completion_tokens"]!, Is.EqualTo(4000));
        Assert.That(host.Services.GetRequiredService<GeminiClient>(), Is.SameAs(client), "one client per container");
    }

    [Test]
    public void Configure_WithTheOptionsPattern_BindsTheApiKeyWithoutShowingIt()
    {
        var services = new ServiceCollection();
        services.Configure<GeminiClientOptions>(Section(("ApiKey", Key)));

        var options = services.BuildServiceProvider().GetRequiredService<IOptions<GeminiClientOptions>>().Value;

        Assert.That(options.ApiKey, Is.EqualTo(Key));
        Assert.That(options.ToString(), Does.Not.Contain(Key));
        Assert.That(Newtonsoft.Json.JsonConvert.SerializeObject(options), Does.Not.Contain(Key));
        Assert.That(System.Text.Json.JsonSerializer.Serialize(options), Does.Not.Contain(Key));
    }

    [TestCase("BaseUrl", "http://api.example.com", "Gemini:BaseUrl")]
    [TestCase("DefaultMaxCompletionTokens", "0", "Gemini:DefaultMaxCompletionTokens")]
    [TestCase("AttemptTimeout", "-00:00:01", "Gemini:AttemptTimeout")]
    public void StartAsync_WhenASettingIsInvalid_FailsNamingTheSettingAndItsKey(string setting, string value, string key)
    {
        using var host = BuildHost(services => services.AddGeminiClient(Section(("ApiKey", Key), (setting, value))));

        var error = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync())!;

        Assert.That(error.Message, Does.Contain("GeminiClientOptions." + setting));
        Assert.That(error.Message, Does.Contain(key));
        Assert.That(error.Message, Does.Not.Contain(Key));
        Assert.That(Server.Requests, Is.Empty);
    }

    [Test]
    public async Task AddGeminiClient_SendsThroughIHttpClientFactoryWithAnInfiniteTimeout()
    {
        var counter = new CountingHandler();
        using var host = BuildHost(services => services.AddGeminiClient(o => { o.ApiKey = Key; o.BaseUrl = Server.Url; }).AddHttpMessageHandler(() => counter));

        await host.Services.GetRequiredService<GeminiClient>().CompleteAsync("Hi");
        var http = host.Services.GetRequiredService<IHttpClientFactory>().CreateClient(GeminiServiceCollectionExtensions.HttpClientName);

        Assert.That(counter.Count, Is.EqualTo(1));
        Assert.That(http.Timeout, Is.EqualTo(Timeout.InfiniteTimeSpan));
    }

    [Test]
    public async Task AddGeminiChatClient_RegistersAnIChatClientPipelineOverTheClient()
    {
        Server.Enqueue(FakeReply.ToolCall("add", """{"a":2,"b":3}""", "call_1"), FakeReply.Completion("5"));
        using var host = BuildHost(services =>
        {
            services.AddGeminiClient(Section(("ApiKey", Key)));
            services.AddGeminiChatClient().UseFunctionInvocation();
        });

        var chat = host.Services.GetRequiredService<IChatClient>();
        var response = await chat.GetResponseAsync("2+3?", new ChatOptions { Tools = new List<AITool> { AIFunctionFactory.Create((int a, int b) => a + b, "add") } });

        Assert.That(response.Text, Is.EqualTo("5"));
        Assert.That(Server.Requests[1].Json!["messages"]![2]!["content"]!.ToString(), Is.EqualTo("5"));
    }

    [Test]
    public void AddGeminiChatClient_WithoutAGeminiClient_SaysWhatToRegister()
    {
        var services = new ServiceCollection();
        services.AddGeminiChatClient();

        var error = Assert.Throws<InvalidOperationException>(() => services.BuildServiceProvider().GetRequiredService<IChatClient>())!;

        Assert.That(error.Message, Does.Contain("AddGeminiClient"));
    }

    [Test]
    public async Task AStandardResilienceHandler_WithRetryPolicyNone_RetriesOnceNotTwice()
    {
        Server.Enqueue(FakeReply.Error(503, "Overloaded"), FakeReply.Completion("Recovered."));
        using var host = BuildHost(services => services
            .AddGeminiClient(Section(("ApiKey", Key)), options => options.RetryPolicy = RetryPolicy.None)
            .AddStandardResilienceHandler(resilience =>
            {
                resilience.Retry.MaxRetryAttempts = 2;
                resilience.Retry.Delay = TimeSpan.Zero;
                resilience.Retry.UseJitter = false;
            }));

        var completion = await host.Services.GetRequiredService<GeminiClient>().CompleteAsync("Hi");

        Assert.That(completion.Text, Is.EqualTo("Recovered."));
        Assert.That(Server.Requests, Has.Count.EqualTo(2), "the handler retried the 503 once; the client did not retry on top");
        Assert.That(completion.ResponseInfo!.Attempts, Is.EqualTo(1), "the client made one attempt");
    }

    private IHost BuildHost(Action<IServiceCollection> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Gemini:BaseUrl"] = Server.Url.ToString() });
        configure(builder.Services);
        return builder.Build();
    }

    private IConfigurationSection Section(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Gemini:BaseUrl"] = Server.Url.ToString() })
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>("Gemini:" + s.Key, s.Value)))
            .Build()
            .GetSection("Gemini");

    private sealed class CountingHandler : DelegatingHandler
    {
        public int Count { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Count++;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
