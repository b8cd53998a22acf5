using Gemini.Generated.Testing;
using Microsoft.Extensions.AI;

namespace Gemini.Generated.Extensions.Tests.Support;

/// <summary>A fake AI/ML API server per test, and clients of it that never retry (so that error tests do not wait).</summary>
public abstract class FakeServerTest
{
    protected FakeAimlServer Server { get; private set; } = null!;

    [SetUp]
    public void StartServer() => Server = FakeAimlServer.Start();

    [TearDown]
    public void StopServer() => Server.Dispose();

    protected GeminiClient CreateClient(System.Action<GeminiClientOptions>? configure = null) =>
        Server.CreateClient(options =>
        {
            options.RetryPolicy = RetryPolicy.None;
            configure?.Invoke(options);
        });

    protected IChatClient CreateChatClient(System.Action<GeminiClientOptions>? configure = null) => CreateClient(configure).AsIChatClient();
}
