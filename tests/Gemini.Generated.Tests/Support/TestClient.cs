using System;
using Gemini.Generated.Testing;

namespace Gemini.Generated.Tests;

/// <summary>
/// The one factory of test clients: a base URL or a fake server, then a suite's preset of options (for example fast retries),
/// then the test's own changes.
/// </summary>
internal static class TestClient
{
    /// <summary>A client of <paramref name="baseUrl"/> with the fake server's default key, <paramref name="preset"/>, then <paramref name="configure"/>.</summary>
    public static GeminiClient Create(Uri baseUrl, Action<GeminiClientOptions> preset, Action<GeminiClientOptions>? configure = null)
    {
        var options = new GeminiClientOptions { BaseUrl = baseUrl, ApiKey = FakeAimlServer.DefaultApiKey };
        preset(options);
        configure?.Invoke(options);
        return new GeminiClient(options);
    }

    /// <summary>A client of <paramref name="server"/>, which then insists on the key <paramref name="preset"/> chose; then <paramref name="configure"/>.</summary>
    public static GeminiClient Create(FakeAimlServer server, Action<GeminiClientOptions> preset, Action<GeminiClientOptions>? configure = null)
    {
        var options = server.CreateClientOptions();
        preset(options);
        server.RequiredApiKey = options.ApiKey;
        configure?.Invoke(options);
        return new GeminiClient(options);
    }
}
