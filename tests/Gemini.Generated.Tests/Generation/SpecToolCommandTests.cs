using System.IO;
using System.Threading.Tasks;
using Gemini.Generated.Tests.Support;
using Gemini.SpecTool;

namespace Gemini.Generated.Tests.Generation;

/// <summary>The spec tool's command line for people: <c>diff</c>, <c>normalize</c>, and what a wrong command line gets.</summary>
public class SpecToolCommandTests
{
    private string _work = null!;

    [SetUp]
    public void CreateWorkDirectory() => _work = TestPaths.TempDirectory("spec-tool-commands");

    [TearDown]
    public void DeleteWorkDirectory() => Directory.Delete(_work, recursive: true);

    [TestCase("", TestName = "Run_WithoutACommand_ExitsWith1PrintingTheUsage")]
    [TestCase("publish", TestName = "Run_WithAnUnknownCommand_ExitsWith1PrintingTheUsage")]
    [TestCase("diff only-one.json", TestName = "Run_DiffWithOneFile_ExitsWith1PrintingTheUsage")]
    [TestCase("normalize in.json out.json extra.json", TestName = "Run_NormalizeWithThreeFiles_ExitsWith1PrintingTheUsage")]
    public async Task Run_WithAWrongCommandLine_ExitsWith1PrintingTheUsageAsOneMsBuildError(string commandLine)
    {
        var (exitCode, output, error) = await RunAsync(commandLine.Split(' ', System.StringSplitOptions.RemoveEmptyEntries));

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error, Is.EqualTo(
            "GeminiSpecSource : error GEM006: usage: " +
            "  prepare   --source S --base-dir D --lock L --cache FILE --out FILE --nswag FILE " +
            "  update    --source S --base-dir D --lock L --surface FILE --repo-root R [--record-source S] [--accept-breaking true] " +
            "  diff      OLD NEW " +
            "  normalize IN OUT" + System.Environment.NewLine));
    }

    [Test]
    public async Task Normalize_WritesWhatTheBuildGeneratedTheSdkFrom()
    {
        var output = Path.Combine(_work, "normalized.json");

        var (exitCode, _, error) = await RunAsync("normalize", TestPaths.CurrentSpec, output);

        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(File.ReadAllText(output), Is.EqualTo(File.ReadAllText(TestPaths.NormalizedSpec)));
    }

    [Test]
    public async Task Diff_FromTheCurrentSpecToTheOlderOne_PrintsTheChangesOldToNew()
    {
        var older = Path.Combine(_work, "older.json");
        await File.WriteAllBytesAsync(older, await HistorySpec.BytesAsync());

        var (exitCode, output, error) = await RunAsync("diff", PublishedSpec.Location, older);

        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(output, Does.Contain("POST /v1/chat/completions\n  - request: provider (string) removed  [BREAKING]"));
        Assert.That(output, Does.Contain("  - response 200 application/json: meta (object, nullable) removed  [BREAKING]"));
        Assert.That(output, Does.Not.Contain("  + request: provider"), "the first file is the old one");
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await Program.RunAsync(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }
}
