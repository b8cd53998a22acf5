using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Gemini.Generated.Tests.Support;
using Gemini.SpecTool;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>
/// The spec tool's command line in process: the options it requires, what <c>prepare</c> and <c>update</c> print and write, the
/// error line and exit code of each failure, and that it never resumes on the caller's synchronization context.
/// </summary>
public class SpecCommandLineTests
{
    private const string UsageLine =
        "usage:   prepare   --source S --base-dir D --lock L --cache FILE --out FILE --nswag FILE " +
        "  update    --source S --base-dir D --lock L --surface FILE --repo-root R [--record-source S] [--accept-breaking true] " +
        "  diff      OLD NEW " +
        "  normalize IN OUT";

    private static readonly string NewLine = Environment.NewLine;

    private string _work = null!;

    [SetUp]
    public void CreateWorkDirectory() => _work = TestPaths.TempDirectory("spec-command-line");

    [TearDown]
    public void DeleteWorkDirectory() => Directory.Delete(_work, recursive: true);

    private string LockPath => Path.Combine(_work, "lock.json");

    private string SurfacePath => Path.Combine(_work, "surface.json");

    [Test]
    public async Task Prepare_WithoutASource_ExitsWith1NamingTheMissingOption()
    {
        var (exitCode, output, error) = await RunAsync("prepare", "--base-dir", _work);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error, Is.EqualTo("GeminiSpecSource : error GEM006: --source is required. " + UsageLine + NewLine));
    }

    [Test]
    public async Task Prepare_WithAnEmptySource_IsRefusedLikeAMissingOne()
    {
        var (exitCode, _, error) = await RunAsync("prepare", "--source", "", "--base-dir", _work);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Is.EqualTo("GeminiSpecSource : error GEM006: --source is required. " + UsageLine + NewLine));
    }

    [Test]
    public async Task Run_WithAnOptionLastAndNoValue_ExitsWith1NamingTheOption()
    {
        var (exitCode, output, error) = await RunAsync("prepare", "--base-dir", _work, "--source");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(output, Is.Empty);
        Assert.That(error, Is.EqualTo("GeminiSpecSource : error GEM006: --source needs a value." + NewLine));
    }

    [Test]
    public async Task Prepare_WithAnNSwagConfigLackingTheHandWrittenTypes_ExitsWith1ListingThem()
    {
        var nswag = Path.Combine(_work, "nswag.json");
        File.WriteAllText(nswag, """{"codeGenerators":{"openApiToCSharpClient":{"excludedTypeNames":["ChatCompletionRequest"]}}}""");
        var handWritten = SpecNormalizer.Normalize(Program.ReadSpec(TestPaths.CurrentSpecBytes(), TestPaths.CurrentSpec)).HandWrittenTypes;
        Assert.That(handWritten, Is.Not.Empty);

        var (exitCode, _, error) = await PrepareAsync(TestPaths.CurrentSpec, TestPaths.LockFile, nswag);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Is.EqualTo(
            $"GeminiSpecSource : error GEM003: {nswag} must list the hand-written types in excludedTypeNames; missing: {string.Join(", ", handWritten)}." + NewLine));
    }

    [Test]
    public void CheckExcludedTypes_WithAnNSwagConfigThatIsNotJson_FailsAsAUsageErrorNamingTheFile()
    {
        var nswag = Path.Combine(_work, "nswag.json");
        File.WriteAllText(nswag, "{ not json");

        var error = Assert.Throws<SpecToolException>(() => Program.CheckExcludedTypes(nswag, new[] { "Content" }))!;

        Assert.That(error.Code, Is.EqualTo("GEM006"));
        Assert.That(error.InnerException, Is.InstanceOf<System.Text.Json.JsonException>());
        Assert.That(error.Message, Is.EqualTo($"Cannot read {nswag}: {error.InnerException!.Message}"));
    }

    [Test]
    public async Task Prepare_WhenAShapingRuleTargetIsGone_PrintsOneMsBuildWarningAndWritesIntoNewDirectories()
    {
        var spec = WriteSpec(WithoutDuplicateOperation(), "without-duplicate.json");
        SpecLock.For(spec, File.ReadAllBytes(spec)).Write(LockPath);
        var cache = Path.Combine(_work, "new", "cache", "spec.json");
        var normalized = Path.Combine(_work, "new", "out", "normalized.json");

        var (exitCode, output, error) = await RunAsync(
            "prepare", "--source", spec, "--base-dir", _work, "--lock", LockPath, "--cache", cache, "--out", normalized, "--nswag", TestPaths.NSwagConfig);

        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(output, Is.EqualTo(
            "GeminiSpecSource : warning GEM010: Normalization rule 'drop-duplicate-operation' skipped 'POST /chat/completions': not in the spec." + NewLine));
        Assert.That(File.ReadAllBytes(cache), Is.EqualTo(File.ReadAllBytes(spec)));
        Assert.That(JsonNode.Parse(File.ReadAllText(normalized))!["paths"]!.AsObject().Select(p => p.Key), Is.EqualTo(new[] { "/v1/chat/completions" }));
    }

    [Test]
    public void ReadSpec_RejectsJsonThatIsNotAnOpenApiDocument()
    {
        var array = Assert.Throws<SpecToolException>(() => Program.ReadSpec(Encoding.UTF8.GetBytes("[1]"), "array.json"))!;
        Assert.That((array.Code, array.Message), Is.EqualTo(("GEM004", "The spec from array.json is not a JSON object.")));

        foreach (var document in new[] { """{"openapi":"3.0.0"}""", """{"openapi":"3.0.0","paths":[]}""", """{"paths":{}}""" })
        {
            var error = Assert.Throws<SpecToolException>(() => Program.ReadSpec(Encoding.UTF8.GetBytes(document), "doc.json"), document)!;
            Assert.That((error.Code, error.Message), Is.EqualTo(("GEM004", "The document from doc.json is not an OpenAPI 3 document (no 'openapi' or 'paths').")), document);
        }

        Assert.That(Program.ReadSpec(Encoding.UTF8.GetBytes("""{"openapi":"3.0.0","paths":{}}"""), "doc.json").ToJsonString(), Is.EqualTo("""{"openapi":"3.0.0","paths":{}}"""));
    }

    [Test]
    public void WriteIfChanged_ReplacesDifferentContent()
    {
        var path = Path.Combine(_work, "file.json");
        File.WriteAllText(path, "old");

        Program.WriteIfChanged(path, Encoding.UTF8.GetBytes("new"));

        Assert.That(File.ReadAllText(path), Is.EqualTo("new"));
    }

    [Test]
    public async Task Update_FromAFileUrlWithNoLockAndNoSurface_RecordsTheUrlAndWritesBoth()
    {
        var source = new Uri(TestPaths.CurrentSpec).AbsoluteUri;
        var bytes = TestPaths.CurrentSpecBytes();
        var sha = SpecLock.HashOf(bytes);
        var typeCount = SpecNormalizer.Normalize(Program.ReadSpec(bytes, source)).TypeNames.Count;

        var (exitCode, output, error) = await UpdateAsync(source);

        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(Lines(output), Is.EqualTo(new[]
        {
            $"Spec lock: {LockPath}",
            "  locked: (none)",
            $"  new:    sha256 {sha}, {bytes.Length} bytes, from {source}",
            "",
            $"There is no surface of the locked spec at {SurfacePath}, so the changes cannot be listed.",
            "",
            $"Normalization: the next build can generate from it: {typeCount} named types; every rule applies.",
            $"Lock updated to sha256 {sha} ({bytes.Length} bytes), and the surface in {SurfacePath}; the next build regenerates the SDK.",
        }));
        Assert.That(SpecLock.Read(LockPath), Is.EqualTo(new SpecLock(source, sha, bytes.Length)));
        Assert.That(SpecSurface.Read(SurfacePath).Sha256, Is.EqualTo(sha));
    }

    [Test]
    public async Task Update_WhenAShapingRuleTargetIsGone_ListsTheChangesThenTheWarningAndCountsIt()
    {
        File.Copy(TestPaths.LockFile, LockPath);
        File.Copy(TestPaths.SurfaceFile, SurfacePath);
        var document = WithoutDuplicateOperation();
        var spec = WriteSpec(document, "without-duplicate.json");
        var bytes = File.ReadAllBytes(spec);
        var sha = SpecLock.HashOf(bytes);
        var locked = SpecLock.Read(LockPath);
        var changes = SpecDiff.Compare(SpecSurface.Read(TestPaths.SurfaceFile), SpecSurface.Of(document, sha)).Render();
        var typeCount = SpecNormalizer.Normalize(document).TypeNames.Count;

        var (exitCode, output, error) = await UpdateAsync(spec, "--record-source", "recorded.json");

        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(Lines(output), Is.EqualTo(Lines(
            $"Spec lock: {LockPath}\n" +
            $"  locked: sha256 {locked.Sha256}, {locked.Size} bytes, from {locked.Source}\n" +
            $"  new:    sha256 {sha}, {bytes.Length} bytes, from recorded.json\n" +
            "\n" +
            changes +
            "\n" +
            "GeminiSpecSource : warning GEM010: Normalization rule 'drop-duplicate-operation' skipped 'POST /chat/completions': not in the spec.\n" +
            $"Normalization: the next build can generate from it: {typeCount} named types; 1 shaping rule target(s) skipped (warnings above).\n" +
            $"Lock updated to sha256 {sha} ({bytes.Length} bytes), and the surface in {SurfacePath}; the next build regenerates the SDK.\n")));
        Assert.That(changes, Does.Contain("POST /chat/completions"), "the removed operation is listed");
    }

    [Test]
    public async Task Update_WhenTheSurfaceDescribesAnotherVersionThanTheLock_SaysTheChangesAreAgainstTheSurface()
    {
        File.Copy(TestPaths.SurfaceFile, SurfacePath);
        var surfaceSha = SpecSurface.Read(SurfacePath).Sha256;
        var other = SpecLock.For("other.json", Encoding.UTF8.GetBytes("other"));
        other.Write(LockPath);

        var (exitCode, output, error) = await UpdateAsync(TestPaths.CurrentSpec);

        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(Lines(output)[4], Is.EqualTo($"Note: {SurfacePath} describes sha256 {surfaceSha}, not the locked {other.Sha256}; the changes below are against it."));
        Assert.That(Lines(output)[2], Does.EndWith($"from {Path.GetRelativePath(_work, TestPaths.CurrentSpec)}"), "a path is recorded relative to the repository root");
    }

    [Test]
    public async Task Update_WhenTheNextBuildCouldNotGenerate_RefusesLeavingTheLockAndTheSurfaceAlone()
    {
        var document = JsonNode.Parse("""{"openapi":"3.0.0","paths":{}}""")!.AsObject();
        var spec = WriteSpec(document, "empty.json");
        var failure = Assert.Throws<SpecToolException>(() => SpecNormalizer.Normalize((JsonObject)document.DeepClone()))!;

        var (exitCode, _, error) = await UpdateAsync(spec);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Is.EqualTo(
            $"GeminiSpecSource : error GEM009: UpdateSpec refused the spec from {spec}: the next build could not generate from it. {failure.Message} " +
            $"The lock ({LockPath}) and the surface ({SurfacePath}) are unchanged. To accept it anyway, and fix the build after: " +
            $"dotnet build src/Gemini.Generated -t:UpdateSpec -p:GeminiSpecSource={spec} -p:GeminiAcceptBreakingSpec=true" + NewLine));
        Assert.That(File.Exists(LockPath) || File.Exists(SurfacePath), Is.False);
    }

    [Test]
    public async Task Main_PreparingFromALoopbackServer_NeverResumesOnTheCallersSynchronizationContext()
    {
        using var server = SpecServer();
        var output = new StringWriter();
        var error = new StringWriter();
        var (originalOut, originalError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var (exitCode, posts) = await OnRecordingContextAsync(() => Program.Main(PrepareArguments(server.Url + "/spec.json", TestPaths.LockFile, TestPaths.NSwagConfig)));

            Assert.That(exitCode, Is.EqualTo(0), error.ToString());
            Assert.That(posts, Is.Zero);
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }

        Assert.That(output.ToString(), Is.Empty);
        Assert.That(File.ReadAllBytes(Path.Combine(_work, "spec.json")), Is.EqualTo(TestPaths.CurrentSpecBytes()));
    }

    [Test]
    public async Task Update_FromALoopbackServer_NeverResumesOnTheCallersSynchronizationContext()
    {
        using var server = SpecServer();
        var output = new StringWriter();
        var error = new StringWriter();

        var (exitCode, posts) = await OnRecordingContextAsync(() => Program.RunAsync(UpdateArguments(server.Url + "/spec.json"), output, error));

        Assert.That(exitCode, Is.EqualTo(0), error.ToString());
        Assert.That(posts, Is.Zero);
        Assert.That(SpecLock.Read(LockPath).Source, Is.EqualTo(server.Url + "/spec.json"));
    }

    [Test]
    public async Task Prepare_FromAFile_NeverResumesOnTheCallersSynchronizationContext()
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var (exitCode, posts) = await OnRecordingContextAsync(() => Program.RunAsync(PrepareArguments(TestPaths.CurrentSpec, TestPaths.LockFile, TestPaths.NSwagConfig), output, error));

        Assert.That(exitCode, Is.EqualTo(0), error.ToString());
        Assert.That(posts, Is.Zero);
    }

    /// <summary>Starts <paramref name="run"/> with a synchronization context that counts what is posted back to it.</summary>
    private static async Task<(int ExitCode, int Posts)> OnRecordingContextAsync(Func<Task<int>> run)
    {
        var context = new CountingContext();
        var exitCode = await context.Run(run);
        return (exitCode, context.Posts);
    }

    private static WireMockServer SpecServer()
    {
        var server = WireMockServer.Start(new WireMockServerSettings { Urls = new[] { "http://127.0.0.1:0" } });
        server.Given(Request.Create().WithPath("/spec.json").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(TestPaths.CurrentSpecBytes()));
        return server;
    }

    private static JsonObject WithoutDuplicateOperation()
    {
        var document = Program.ReadSpec(TestPaths.CurrentSpecBytes(), TestPaths.CurrentSpec);
        Assert.That(document["paths"]!.AsObject().Remove("/chat/completions"), Is.True);
        return document;
    }

    private string WriteSpec(JsonObject document, string name)
    {
        var path = Path.Combine(_work, name);
        File.WriteAllBytes(path, Program.Serialize(document));
        return path;
    }

    private string[] PrepareArguments(string source, string lockFile, string nswag) => new[]
    {
        "prepare", "--source", source, "--base-dir", _work, "--lock", lockFile,
        "--cache", Path.Combine(_work, "spec.json"), "--out", Path.Combine(_work, "normalized.json"), "--nswag", nswag,
    };

    private string[] UpdateArguments(string source, params string[] more) => new[]
    {
        "update", "--source", source, "--base-dir", _work, "--lock", LockPath, "--surface", SurfacePath, "--repo-root", _work,
    }.Concat(more).ToArray();

    private Task<(int ExitCode, string Output, string Error)> PrepareAsync(string source, string lockFile, string nswag) =>
        RunAsync(PrepareArguments(source, lockFile, nswag));

    private Task<(int ExitCode, string Output, string Error)> UpdateAsync(string source, params string[] more) =>
        RunAsync(UpdateArguments(source, more));

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await Program.RunAsync(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string[] Lines(string output) => output.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
}
