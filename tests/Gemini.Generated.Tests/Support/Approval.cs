using System;
using System.IO;

namespace Gemini.Generated.Tests.Support;

/// <summary>
/// A text checked against a committed approved copy: a change shows as a readable diff, and is accepted by running the tests
/// with the accept variable set to 1, which is refused under CI (CI=true), so that no change is accepted unreviewed.
/// </summary>
internal static class Approval
{
    /// <summary>Whether the tests run under CI, which sets CI=true (as .ci/run and the common CI services do).</summary>
    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Verify(string approvedPath, string actual, string acceptVariable, string what)
    {
        actual = actual.Replace("\r\n", "\n");
        if (Environment.GetEnvironmentVariable(acceptVariable) == "1")
        {
            if (IsCi)
            {
                Assert.Fail($"{acceptVariable}=1 is refused under CI (CI=true): a change to {what} must be reviewed and committed " +
                    $"deliberately. Run the tests with {acceptVariable}=1 locally, without CI=true, read the diff of {approvedPath} and commit it.");
            }

            File.WriteAllText(approvedPath, actual);
        }

        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).Replace("\r\n", "\n") : string.Empty;
        if (approved != actual)
        {
            var received = Path.ChangeExtension(approvedPath, ".received.txt");
            File.WriteAllText(received, actual);
            Assert.Fail($"{char.ToUpperInvariant(what[0])}{what.Substring(1)} differs from {approvedPath} (the whole text is in {received}; " +
                $"accept it with {acceptVariable}=1):\n" + TextDiff.Unified(approved, actual));
        }
    }
}
