using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Threading.Tasks;
using Gemini.Generated;
using Gemini.Generated.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Consumer;

/// <summary>The packed packages, used as an app would: the plain client, the DI registration and IChatClient, against the fake server.</summary>
public class ConsumerTests
{
    private FakeAimlServer _server = null!;

    [SetUp]
    public void StartServer() => _server = FakeAimlServer.Start();

    [TearDown]
    public void StopServer() => _server.Dispose();

    [Test]
    public async Task PlainClient_CompletesAndStreams()
    {
        _server.Enqueue(FakeReply.Completion("Paris.").WithUsage(5, 30, reasoningTokens: 25).WithCost(10, 0.00001m), FakeReply.Completion("one two"));
        var client = _server.CreateClient();

        var completion = await client.CompleteAsync("Capital of France?");
        var stream = client.CompleteStreamingAsync("Count");
        var pieces = new List<string>();
        await foreach (var chunk in stream)
        {
            pieces.Add(chunk.Text);
        }

        Assert.That(completion.Text, Is.EqualTo("Paris."));
        Assert.That(completion.ReasoningTokens, Is.EqualTo(25));
        Assert.That(completion.UsdSpent, Is.EqualTo(0.00001m));
        Assert.That(string.Concat(pieces), Is.EqualTo("one two"));
        Assert.That(_server.Requests[0].Json!["max_completion_tokens"]!.ToString(), Is.EqualTo("15000"));
    }

    [Test]
    public async Task DependencyInjection_BindsTheKeyFromConfigurationAndSends()
    {
        _server.RequiredApiKey = "sk-consumer-configuration-key";
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gemini:BaseUrl"] = _server.Url.ToString(),
            ["Gemini:ApiKey"] = "sk-consumer-configuration-key",
        });
        builder.Services.AddGeminiClient(builder.Configuration.GetSection("Gemini"));
        using var host = builder.Build();
        await host.StartAsync();

        var completion = await host.Services.GetRequiredService<GeminiClient>().CompleteAsync("Hi");

        Assert.That(completion.Text, Is.Not.Empty);
        Assert.That(_server.Requests.Single().Header("Authorization"), Is.EqualTo("Bearer sk-consumer-configuration-key"));
        await host.StopAsync();
    }

    [Test]
    public async Task ChatClient_CallsAToolThroughFunctionInvocation()
    {
        _server.Enqueue(FakeReply.ToolCall("get_weather", """{"city":"Paris"}""", "call_1"), FakeReply.Completion("Sunny in Paris."));
        using var chat = _server.CreateClient().AsIChatClient().AsBuilder().UseFunctionInvocation().Build();
        var weather = AIFunctionFactory.Create((string city) => $"Sunny in {city}", "get_weather");

        var response = await chat.GetResponseAsync("Weather in Paris?", new ChatOptions { Tools = [weather] });

        Assert.That(response.Text, Is.EqualTo("Sunny in Paris."));
        Assert.That(response.Usage, Is.Not.Null);
        Assert.That(_server.Requests[1].Json!["messages"]![2]!["content"]!.ToString(), Is.EqualTo("Sunny in Paris"));
    }

    [Test]
    public void Package_EmbedsItsPdbWithTheGeneratedSource()
    {
        using var pe = new PEReader(File.OpenRead(typeof(GeminiClient).Assembly.Location));
        var embedded = pe.ReadDebugDirectory().Single(e => e.Type == DebugDirectoryEntryType.EmbeddedPortablePdb);
        using var pdb = pe.ReadEmbeddedPortablePdbDebugDirectoryData(embedded);
        var metadata = pdb.GetMetadataReader();
        var embeddedSource = new Guid("0E8A571B-6926-466E-B4AD-8AB04611F5FE");

        var documents = metadata.Documents.Select(d => (Handle: d, Name: metadata.GetString(metadata.GetDocument(d).Name))).ToList();
        var generated = documents.Single(d => d.Name.EndsWith("Gemini.Generated.g.cs", StringComparison.Ordinal));

        Assert.That(metadata.GetCustomDebugInformation(generated.Handle).Select(c => metadata.GetGuid(metadata.GetCustomDebugInformation(c).Kind)), Does.Contain(embeddedSource),
            "the code NSwag generated is embedded, so a debugger can show it");
        if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            Assert.That(documents.Select(d => d.Name), Is.All.StartsWith("/_/"), "a CI build maps paths, so that it is reproducible");
        }
    }
}
