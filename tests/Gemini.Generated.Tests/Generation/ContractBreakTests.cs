using System.IO;
using System.Linq;
using System.Text;
using Gemini.Generated.Tests.Support;
using Gemini.SpecTool;

namespace Gemini.Generated.Tests.Generation;

/// <summary>
/// What each contract the hand-written code relies on (build/Gemini.SpecTool/Normalization/Contracts.cs) reports when a spec
/// breaks it, against a committed listing: for every contract location, the failure when that element and everything below it
/// is gone from the locked spec's surface, and for every typed contract, the failure when the element becomes an object. A
/// contract dropped, moved or reworded shows as a diff; accept one with GEMINI_ACCEPT_SPEC_TOOL=1 (refused under CI).
/// </summary>
public class ContractBreakTests
{
    private static string ApprovedPath => Path.Combine(TestPaths.RepoRoot, "tests", "Gemini.Generated.Tests", "Generation", "Contracts.approved.txt");

    [Test]
    public void EveryContract_WhenItsElementGoesOrChangesType_FailsAsTheListingSays()
    {
        var surface = SpecSurface.Read(TestPaths.SurfaceFile);
        var text = new StringBuilder();
        foreach (var location in Contracts.Table.Select(c => c.Location).Distinct())
        {
            var gone = surface.Elements.Where(e => !(e.Operation == SpecPaths.OperationName && IsAtOrBelow(e.Location, location)));
            Report(text, $"without '{location}'", new SpecSurface(gone.ToList()));
        }

        foreach (var contract in Contracts.Table.Where(c => c.Types is not null))
        {
            var changed = surface.Elements.Select(e => e.Operation == SpecPaths.OperationName && e.Location == contract.Location ? e with { Type = "object" } : e);
            Report(text, $"with '{contract.Location}' an object", new SpecSurface(changed.ToList()));
        }

        Assert.That(Contracts.Broken(surface), Is.Empty, "the locked spec breaks no contract");
        Approval.Verify(ApprovedPath, text.ToString(), "GEMINI_ACCEPT_SPEC_TOOL", "what breaking each contract reports");
    }

    private static void Report(StringBuilder text, string change, SpecSurface surface)
    {
        text.Append(change).Append(':').Append('\n');
        foreach (var broken in Contracts.Broken(surface))
        {
            text.Append("  ").Append(broken).Append('\n');
        }
    }

    private static bool IsAtOrBelow(string location, string ancestor) =>
        ancestor.Length == 0 || location == ancestor || (SpecDiff.Parent(location) is { } parent && IsAtOrBelow(parent, ancestor));
}
