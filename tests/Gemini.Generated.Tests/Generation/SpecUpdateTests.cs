using System.IO;
using System.Threading.Tasks;
using Gemini.Generated.Tests.Support;
using Gemini.SpecTool;

namespace Gemini.Generated.Tests.Generation;

/// <summary>The UpdateSpec step, run through the tool's command line in process on a copy of the lock.</summary>
public class SpecUpdateTests
{
    private string _work = null!;
    private string _lock = null!;

    [SetUp]
    public void SetUp()
    {
        _work = TestPaths.TempDirectory("update");
        _lock = Path.Combine(_work, "gemini-2.5-flash.lock.json");
        File.Copy(TestPaths.LockFile, _lock);

        // The locked version is in the store, as after a build: the tool never has to fetch it.
        var store = Directory.CreateDirectory(Path.Combine(_work, "store")).FullName;
        File.Copy(TestPaths.CurrentSpec, Path.Combine(store, SpecLock.HashOf(TestPaths.CurrentSpecBytes()) + ".json"));
    }

    [Test]
    public async Task Update_WithTheLockedVersion_LeavesTheLockAsItIs()
    {
        var before = File.ReadAllBytes(_lock);

        var (exitCode, output, error) = await UpdateAsync(TestPaths.CurrentSpec);

        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("No change: the spec is the locked version"));
        Assert.That(File.ReadAllBytes(_lock), Is.EqualTo(before), "not even the recorded source changes");
    }

    [Test]
    public async Task Update_ToTheOlderSpec_PrintsTheSummaryAndRecordsTheGivenSource()
    {
        var history = Path.Combine(_work, "older.json");
        await File.WriteAllBytesAsync(history, await HistorySpec.BytesAsync());

        var (exitCode, output, error) = await UpdateAsync(history, recordSource: "https://example.org/published/gemini-2.5-flash.json");

        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("- request: provider (string) removed  [BREAKING]"));
        Assert.That(output, Does.Contain("warning GEM003").And.Contain("rule 'cost'"));
        var updated = SpecLock.Read(_lock);
        Assert.That(updated.Sha256, Is.EqualTo(HistorySpec.Sha256));
        Assert.That(updated.Source, Is.EqualTo("https://example.org/published/gemini-2.5-flash.json"));
    }

    private async Task<(int ExitCode, string Output, string Error)> UpdateAsync(string source, string recordSource = "")
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await Program.RunAsync(new[]
        {
            "update",
            "--source", source,
            "--base-dir", _work,
            "--lock", _lock,
            "--store", Path.Combine(_work, "store"),
            "--repo-root", TestPaths.RepoRoot,
            "--record-source", recordSource,
        }, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
