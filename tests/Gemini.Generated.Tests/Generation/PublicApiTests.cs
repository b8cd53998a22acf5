using System;
using System.IO;
using Gemini.Generated.Tests.Support;
using PublicApiGenerator;

namespace Gemini.Generated.Tests.Generation;

/// <summary>
/// The SDK's public surface, generated and hand-written, against the committed listing: a spec change or a hand-written change
/// shows up as a readable diff of what users will see. To accept a change, run the tests with GEMINI_ACCEPT_PUBLIC_API=1.
/// </summary>
public class PublicApiTests
{
    private static string ApprovedPath => Path.Combine(TestPaths.RepoRoot, "tests", "Gemini.Generated.Tests", "PublicApi", "Gemini.Generated.approved.txt");

    [Test]
    public void PublicApi_MatchesTheApprovedListing()
    {
        var actual = ApiGenerator.GeneratePublicApi(typeof(GeminiClient).Assembly, new ApiGeneratorOptions
        {
            IncludeAssemblyAttributes = false,
            ExcludeAttributes = new[] { "System.CodeDom.Compiler.GeneratedCodeAttribute", "System.Diagnostics.DebuggerNonUserCodeAttribute" },
        }).Replace("\r\n", "\n");

        if (Environment.GetEnvironmentVariable("GEMINI_ACCEPT_PUBLIC_API") == "1")
        {
            File.WriteAllText(ApprovedPath, actual);
        }

        var approved = File.Exists(ApprovedPath) ? File.ReadAllText(ApprovedPath).Replace("\r\n", "\n") : string.Empty;
        if (approved != actual)
        {
            var received = Path.ChangeExtension(ApprovedPath, ".received.txt");
            File.WriteAllText(received, actual);
            Assert.Fail($"The public API differs from {ApprovedPath} (the whole listing is in {received}; " +
                "accept it with GEMINI_ACCEPT_PUBLIC_API=1):\n" + TextDiff.Unified(approved, actual));
        }
    }
}
