using System.IO;
using System.Threading.Tasks;
using Gemini.Generated.Tests.Generation.Variants;
using Gemini.Generated.Tests.Support;
using Gemini.SpecTool;

namespace Gemini.Generated.Tests.Generation;

/// <summary>The UpdateSpec step, run through the tool's command line in process on a copy of the lock and the surface.</summary>
public class SpecUpdateTests
{
    private SpecWorkspace _workspace = null!;

    [SetUp]
    public void SetUp() => _workspace = SpecWorkspace.Create("update");

    [Test]
    public async Task Update_WithTheLockedVersion_LeavesTheLockAndTheSurfaceAsTheyAre()
    {
        var update = await _workspace.UpdateAsync(PublishedSpec.Location);

        Assert.That(update.ExitCode, Is.EqualTo(0), update.ToString());
        var locked = SpecLock.Read(_workspace.Lock);
        Assert.That(Lines(update.Output), Is.EqualTo(new[]
        {
            $"Spec lock: {_workspace.Lock}",
            $"  locked: sha256 {locked.Sha256}, {locked.Size} bytes, from {locked.Source}",
            $"  new:    sha256 {locked.Sha256}, {locked.Size} bytes, from {Path.GetRelativePath(TestPaths.RepoRoot, PublishedSpec.Location).Replace('\\', '/')}",
            "",
            "No change: the spec is the locked version; the lock is left as it is.",
        }));
        Assert.That(_workspace.LockIsUnchanged, Is.True, "not even the recorded source changes");
        Assert.That(_workspace.SurfaceIsUnchanged, Is.True);
    }

    [Test]
    public void CommittedSurface_IsTheSurfaceOfTheLockedSpec()
    {
        var surface = SpecSurface.Of(Program.ReadSpec(TestPaths.CurrentSpecBytes(), TestPaths.CurrentSpec), SpecLock.Read(TestPaths.LockFile).Sha256);

        Assert.That(File.ReadAllText(TestPaths.SurfaceFile), Is.EqualTo(surface.Render()),
            "openapi/gemini-2.5-flash.surface.json is stale: run UpdateSpec with the locked spec to rewrite it");
    }

    [Test]
    public async Task Update_WithTheLockedVersionAndNoSurface_WritesTheSurface()
    {
        File.Delete(_workspace.Surface);

        var update = await _workspace.UpdateAsync(PublishedSpec.Location);

        Assert.That(update.ExitCode, Is.EqualTo(0), update.ToString());
        Assert.That(_workspace.SurfaceIsUnchanged, Is.True);
        Assert.That(Lines(update.Output)[^1], Is.EqualTo($"The surface of the locked spec was missing or out of date; written to {_workspace.Surface}."));
    }

    [Test]
    public async Task Update_ToTheOlderSpec_ListsProviderAndMetaRemoved_AndRefusesNamingTheCostContract()
    {
        var history = Path.Combine(_workspace.Directory, "older.json");
        await File.WriteAllBytesAsync(history, await HistorySpec.BytesAsync());

        var update = await _workspace.UpdateAsync(history);

        Assert.That(update.ExitCode, Is.EqualTo(1), update.ToString());
        Assert.That(update.Output, Does.Contain("- request: provider (string) removed  [BREAKING]")
            .And.Contain("- response 200 application/json: meta (object, nullable) removed  [BREAKING]"));
        Assert.That(update.Error, Does.Contain("error GEM009").And.Contain("Contract 'cost'").And.Contain("-p:GeminiAcceptBreakingSpec=true"));
        Assert.That(_workspace.LockIsUnchanged && _workspace.SurfaceIsUnchanged, Is.True);
    }

    [Test]
    public async Task Update_ToTheOlderSpecAcceptingBreaking_RecordsTheGivenSource()
    {
        var history = Path.Combine(_workspace.Directory, "older.json");
        await File.WriteAllBytesAsync(history, await HistorySpec.BytesAsync());

        var update = await _workspace.UpdateAsync(history, acceptBreaking: true, recordSource: "https://example.org/published/gemini-2.5-flash.json");

        Assert.That(update.ExitCode, Is.EqualTo(0), update.ToString());
        var updated = SpecLock.Read(_workspace.Lock);
        Assert.That(updated.Sha256, Is.EqualTo(HistorySpec.Sha256));
        Assert.That(updated.Source, Is.EqualTo("https://example.org/published/gemini-2.5-flash.json"), "GeminiSpecLockSource is what the lock records");
        Assert.That(SpecSurface.Read(_workspace.Surface).Sha256, Is.EqualTo(HistorySpec.Sha256));
        var lines = Lines(update.Output);
        Assert.That(lines[2], Is.EqualTo($"  new:    sha256 {HistorySpec.Sha256}, {updated.Size} bytes, from https://example.org/published/gemini-2.5-flash.json"));
        Assert.That(lines, Has.Some.StartsWith("GeminiSpecSource : warning GEM009: accepted with -p:GeminiAcceptBreakingSpec=true, although the next build " +
            "will fail until the code is updated: The spec breaks what the hand-written code relies on: Contract 'cost'"));
        Assert.That(lines[^1], Is.EqualTo($"Lock updated to sha256 {HistorySpec.Sha256} ({updated.Size} bytes), and the surface in {_workspace.Surface}; " +
            "the next build regenerates the SDK."));
    }

    [Test]
    public async Task Update_WithoutALockSource_RecordsThePathRelativeToTheRepository()
    {
        var variant = _workspace.Write(SpecVariants.Build("drops-provider"), "variant");

        var update = await _workspace.UpdateAsync(variant);

        Assert.That(update.ExitCode, Is.EqualTo(0), update.ToString());
        Assert.That(SpecLock.Read(_workspace.Lock).Source, Is.EqualTo(Path.GetRelativePath(TestPaths.RepoRoot, variant).Replace('\\', '/')));
        Assert.That(Lines(update.Output), Has.Some.Match(@"^Normalization: the next build can generate from it: \d+ named types; every rule applies\.$"));
    }

    private static string[] Lines(string output) => output.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
}
