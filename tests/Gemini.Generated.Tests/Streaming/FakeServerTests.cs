using System;
using Gemini.Generated.Testing;

namespace Gemini.Generated.Tests.Streaming;

/// <summary>Base of the fixtures that stream from a fresh <see cref="FakeAimlServer"/> per test.</summary>
public abstract class FakeServerTests
{
    protected FakeAimlServer Server { get; private set; } = null!;

    [SetUp]
    public void StartServer() => Server = FakeAimlServer.Start();

    [TearDown]
    public void StopServer() => Server.Dispose();

    /// <summary>A client of <see cref="Server"/>, set up by <see cref="StreamingKit.Configure"/> and then by <paramref name="configure"/>.</summary>
    protected GeminiClient Client(Action<GeminiClientOptions>? configure = null) => StreamingKit.Client(Server, configure);
}
