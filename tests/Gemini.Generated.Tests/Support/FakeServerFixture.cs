using Gemini.Generated.Testing;

namespace Gemini.Generated.Tests.Support;

/// <summary>A fixture with a fresh <see cref="FakeAimlServer"/> per test.</summary>
public abstract class FakeServerFixture
{
    protected FakeAimlServer Server { get; private set; } = null!;

    [SetUp]
    public void StartServer() => Server = FakeAimlServer.Start();

    [TearDown]
    public void StopServer() => Server.Dispose();
}
