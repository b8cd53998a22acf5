using System;
using System.IO;
using Gemini.Generated.Tests.Support;
using PublicApiGenerator;

namespace Gemini.Generated.Tests.Generation;

/// <summary>
/// The SDK's public surface, generated and hand-written, against the committed listing: a spec change or a hand-written change
/// shows up as a readable diff of what users will see. To accept a change, run the tests with GEMINI_ACCEPT_PUBLIC_API=1
/// (refused under CI, so that no change is accepted unreviewed).
/// </summary>
public class PublicApiTests
{
    /// <summary>Whether the tests run under CI, which sets CI=true (as .ci/run and the common CI services do).</summary>
    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

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
            if (IsCi)
            {
                Assert.Fail("GEMINI_ACCEPT_PUBLIC_API=1 is refused under CI (CI=true): a change to the public API must be reviewed and " +
                    $"committed deliberately. Run the tests with GEMINI_ACCEPT_PUBLIC_API=1 locally, without CI=true, read the diff of {ApprovedPath} " +
                    "and commit it.");
            }

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

    [Test]
    [NonParallelizable]
    public void PublicApi_WhenAcceptingUnderCi_RefusesAndSaysWhy()
    {
        var saved = (Accept: Environment.GetEnvironmentVariable("GEMINI_ACCEPT_PUBLIC_API"), Ci: Environment.GetEnvironmentVariable("CI"));
        try
        {
            Environment.SetEnvironmentVariable("GEMINI_ACCEPT_PUBLIC_API", "1");
            Environment.SetEnvironmentVariable("CI", "true");

            var refusal = Assert.Throws<AssertionException>(PublicApi_MatchesTheApprovedListing)!;

            Assert.That(refusal.Message, Does.Contain("refused under CI").And.Contain("without CI=true"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("GEMINI_ACCEPT_PUBLIC_API", saved.Accept);
            Environment.SetEnvironmentVariable("CI", saved.Ci);
        }
    }
}
