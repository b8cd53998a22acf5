using System.IO;
using System.Threading.Tasks;
using Gemini.Generated.Tests.Support;
using Gemini.SpecTool;

namespace Gemini.Generated.Tests.Generation;

/// <summary>
/// The older published spec (2026-01-16), read from beside the local spec copy the tests were built with. Tests never go to the
/// network: without a local copy, the tests that need it are ignored, saying how to provide it.
/// </summary>
internal static class HistorySpec
{
    public const string Sha256 = "fe4b9f85a0e6fec39b2d774702c8dc14b177d6c1ebc92be57f6cd1965818fa1c";

    public static async Task<byte[]> BytesAsync()
    {
        var path = TestPaths.HistorySpecSource;
        if (path.Length == 0 || !File.Exists(path))
        {
            Assert.Ignore("The 2026-01-16 spec is not available locally. Build the tests with -p:GeminiSpecSource=<path to a spec copy> " +
                "that has history/gemini-2.5-flash.2026-01-16.json beside it, or pass -p:GeminiHistorySpecSource=<path>.");
        }

        var bytes = await File.ReadAllBytesAsync(path);
        Assert.That(SpecLock.HashOf(bytes), Is.EqualTo(Sha256), $"{path} is not the 2026-01-16 spec");
        return bytes;
    }
}
