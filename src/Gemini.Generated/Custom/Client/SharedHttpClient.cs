using System;
using System.Net.Http;

namespace Gemini.Generated;

/// <summary>The HttpClient used when the options inject none: one per process, so connections are pooled.</summary>
internal static class SharedHttpClient
{
    public static HttpClient Instance { get; } = Create();

    private static HttpClient Create()
    {
        // Redirects are never followed: a 3xx to another origin would get the prompt (307) or return that origin's answer (302).
#if NET5_0_OR_GREATER
        var handler = new SocketsHttpHandler
        {
            // Re-resolve DNS now and then; keep connections warm in between.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.GZip | System.Net.DecompressionMethods.Deflate,
            AllowAutoRedirect = false,
        };
#else
        var handler = new HttpClientHandler
        {
            AutomaticDecompression = System.Net.DecompressionMethods.GZip | System.Net.DecompressionMethods.Deflate,
            AllowAutoRedirect = false,
        };
#endif
        // The client's own timeouts apply; HttpClient's 100 s default would cut long reasoning answers.
        return new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }
}
