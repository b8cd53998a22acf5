using System;
using System.IO;
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
