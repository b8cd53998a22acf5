using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Gemini.SpecTool;

/// <summary>Reads the spec from an http(s) URL, a file URL or a file path.</summary>
public static class SpecSource
{
    /// <summary>The offline hint every unreachable-source error ends with.</summary>
    public const string OfflineHint =
        "To build offline, give the build a local copy of the spec: " +
        "dotnet build -p:GeminiSpecSource=../shared/openapi/gemini-2.5-flash.json " +
        "(a path relative to the directory you run the command from, a file:// URL, or another http(s) URL).";

    public static bool IsHttp(string source) =>
        source.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ||
        source.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>Resolves a file source (path or file URL) to a full path; relative paths resolve against <paramref name="baseDirectory"/>.</summary>
    public static string ResolvePath(string source, string baseDirectory)
    {
        if (source.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(source, UriKind.Absolute, out var uri) || !uri.IsFile)
            {
                throw new SpecToolException(SpecToolException.Codes.Unreachable,
                    $"The spec source '{source}' is not a valid file URL. {OfflineHint}");
            }

            return uri.LocalPath;
        }

        return Path.GetFullPath(Path.Combine(baseDirectory, source));
    }

    public static async Task<byte[]> PullAsync(string source, string baseDirectory, HttpMessageHandler? handler = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            throw new SpecToolException(SpecToolException.Codes.Usage,
                "GeminiSpecSource is empty: give an http(s) URL, a file URL or a path to the spec.");
        }

        if (IsHttp(source))
        {
            return await PullHttpAsync(source, handler, cancellationToken).ConfigureAwait(false);
        }

        var path = ResolvePath(source, baseDirectory);
        if (!File.Exists(path))
        {
            throw new SpecToolException(SpecToolException.Codes.Unreachable,
                $"Cannot read the OpenAPI spec: no file at '{path}' (from GeminiSpecSource '{source}'). {OfflineHint}");
        }

        return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<byte[]> PullHttpAsync(string url, HttpMessageHandler? handler, CancellationToken cancellationToken)
    {
        using var client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        client.Timeout = TimeSpan.FromSeconds(60);
        try
        {
            using var response = await client.GetAsync(url, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new SpecToolException(SpecToolException.Codes.Unreachable,
                    $"Cannot fetch the OpenAPI spec from {url}: the server answered {(int)response.StatusCode} {response.ReasonPhrase}. {OfflineHint}");
            }

            return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            var reason = ex is TaskCanceledException ? "the request timed out" : Describe(ex);
            throw new SpecToolException(SpecToolException.Codes.Unreachable,
                $"Cannot fetch the OpenAPI spec from {url}: {reason}. This machine may have no internet access. {OfflineHint}", ex);
        }
    }

    private static string Describe(Exception ex)
    {
        var message = ex.Message.TrimEnd('.');
        var inner = ex.InnerException?.Message.TrimEnd('.');
        return inner is null || message.Contains(inner, StringComparison.Ordinal) ? message : $"{message} ({inner})";
    }
}
