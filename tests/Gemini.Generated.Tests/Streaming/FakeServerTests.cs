using System;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Support;

namespace Gemini.Generated.Tests.Streaming;

/// <summary>Base of the fixtures that stream from a fresh <see cref="FakeAimlServer"/> per test.</summary>
public abstract class FakeServerTests : FakeServerTestBase
{
    /// <summary>A client of <see cref="Server"/>, set up by <see cref="StreamingKit.Configure"/> and then by <paramref name="configure"/>.</summary>
    protected GeminiClient Client(Action<GeminiClientOptions>? configure = null) => TestClient.Create(Server, StreamingKit.Configure, configure);
}
