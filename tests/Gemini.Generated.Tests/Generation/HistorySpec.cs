using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Gemini.Generated.Tests.Support;
using Gemini.SpecTool;

namespace Gemini.Generated.Tests.Generation;

/// <summary>
/// The older published spec (2026-01-16), read from beside the local spec copy the tests were built with. Tests never go to the
/// network: without a local copy, the tests that need it are ignored, saying how to provide it; under CI (CI=true) they fail,
/// so that a missing input never passes as a skip.
/// </summary>
internal static class HistorySpec
{
    public const string Sha256 = "fe4b9f85a0e6fec39b2d774702c8dc14b177d6c1ebc92be57f6cd1965818fa1c";

    public static async Task<byte[]> BytesAsync()
    {
        var path = TestPaths.HistorySpecSource;
        if (path.Length == 0 || !File.Exists(path))
        {
            var missing = $"The 2026-01-16 spec is not available locally{(path.Length == 0 ? string.Empty : $" (no file at {path})")}. " +
                "Build the tests with -p:GeminiSpecSource=<path to a spec copy> that has history/gemini-2.5-flash.2026-01-16.json beside it, " +
                "or pass -p:GeminiHistorySpecSource=<path>.";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail("Under CI a missing input fails the test. " + missing);
            }

            Assert.Ignore(missing);
        }

        var bytes = await File.ReadAllBytesAsync(path);
        Assert.That(SpecLock.HashOf(bytes), Is.EqualTo(Sha256), $"{path} is not the 2026-01-16 spec");
        return bytes;
    }
}

/// <summary>
/// The current published spec (2026-06-12), which the spec tool's tests hard-code facts about: the spec the tests were built
/// with when it is that version, else the copy beside the older spec (a build from a spec variant, see Variants/).
/// </summary>
internal static class PublishedSpec
{
    public const string Sha256 = "a7b48f9b26b0b823a52f357f2750f74a6bb63dd8191e093e48762265c33f7c4d";

    private static readonly Lazy<string?> Found = new(() =>
    {
        var beside = TestPaths.HistorySpecSource.Length == 0 ? string.Empty : Path.Combine(Path.GetDirectoryName(TestPaths.HistorySpecSource)!, "..", "gemini-2.5-flash.json");
        return new[] { TestPaths.CurrentSpec, beside }.FirstOrDefault(p => p.Length > 0 && File.Exists(p) && SpecLock.HashOf(File.ReadAllBytes(p)) == Sha256);
    });

    public static string Location => Found.Value ?? Missing();

    public static byte[] Bytes() => File.ReadAllBytes(Location);

    public static JsonObject Read() => Program.ReadSpec(Bytes(), Location);

    private static string Missing()
    {
        const string Message = "The 2026-06-12 published spec is neither the spec the tests were built with nor beside the older spec " +
            "(pass -p:GeminiHistorySpecSource=<path to history/gemini-2.5-flash.2026-01-16.json> of a spec copy).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail("Under CI a missing input fails the test. " + Message);
        }

        Assert.Ignore(Message);
        return string.Empty;
    }
}
