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
    private static string ApprovedPath => Path.Combine(TestPaths.RepoRoot, "tests", "Gemini.Generated.Tests", "PublicApi", "Gemini.Generated.approved.txt");

    [Test]
    public void PublicApi_MatchesTheApprovedListing()
    {
        var actual = ApiGenerator.GeneratePublicApi(typeof(GeminiClient).Assembly, new ApiGeneratorOptions
        {
            IncludeAssemblyAttributes = false,
            ExcludeAttributes = new[] { "System.CodeDom.Compiler.GeneratedCodeAttribute", "System.Diagnostics.DebuggerNonUserCodeAttribute" },
        });

        Approval.Verify(ApprovedPath, actual, "GEMINI_ACCEPT_PUBLIC_API", "the public API");
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
