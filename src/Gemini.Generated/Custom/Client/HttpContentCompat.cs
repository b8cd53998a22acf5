using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Gemini.Generated;

/// <summary>The one place for the <c>ReadAs*Async</c> calls whose cancellable overloads exist only from .NET 5.</summary>
internal static class HttpContentCompat
{
    public static Task<Stream> ReadStreamAsync(HttpContent content, CancellationToken cancellationToken) =>
#if NET5_0_OR_GREATER
        content.ReadAsStreamAsync(cancellationToken);
#else
        content.ReadAsStreamAsync();
#endif

    public static Task<string> ReadStringAsync(HttpContent content, CancellationToken cancellationToken) =>
#if NET5_0_OR_GREATER
        content.ReadAsStringAsync(cancellationToken);
#else
        content.ReadAsStringAsync();
#endif
}
