using System.IO;
using System.Threading.Tasks;
using Gemini.Generated.Tests.Support;
using Gemini.SpecTool;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Gemini.Generated.Tests.Generation;

/// <summary>
/// The MSBuild pipeline end to end, on a copy of the repository's tracked files (what a fresh clone has): generation, the
/// no-change rebuild, the lock check, UpdateSpec against the older published spec and back, a spec served over HTTP, clean.
/// </summary>
[TestFixture]
[NonParallelizable]
[Category("Build")]
public class BuildPipelineTests
{
    private const string CurrentSha256 = "a7b48f9b26b0b823a52f357f2750f74a6bb63dd8191e093e48762265c33f7c4d";

    private RepositoryCopy _copy = null!;
    private string _spec = null!;

    private string Obj => Path.Combine(_copy.Root, "src", "Gemini.Generated", "obj", "gemini");

    private string Lock => _copy.Lock;

    private string Surface => _copy.Surface;

    [OneTimeSetUp]
    public void CopyTheRepository()
    {
        _copy = RepositoryCopy.Create("clone");
        _spec = TestPaths.CurrentSpec;
    }

    [OneTimeTearDown]
    public void RemoveTheCopy() => _copy.Dispose();

    [Test]
    [Order(1)]
    public void Build_OnAFreshCopy_GeneratesUnderObjAndCompilesEveryTargetFramework()
    {
        var (exitCode, output) = Dotnet("build", "src/Gemini.Generated", $"-p:GeminiSpecSource={_spec}");

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(File.ReadAllBytes(Path.Combine(Obj, "gemini-2.5-flash.json")), Is.EqualTo(File.ReadAllBytes(_spec)), "the pulled spec is cached under obj/");
        Assert.That(File.ReadAllText(Path.Combine(Obj, "Gemini.Generated.g.cs")), Does.Contain("public partial class ChatCompletionRequest"));
        foreach (var framework in new[] { "netstandard2.0", "net8.0" })
        {
            Assert.That(File.Exists(Path.Combine(_copy.Root, "src", "Gemini.Generated", "bin", "Debug", framework, "Gemini.Generated.dll")), Is.True, framework);
        }
    }

    [Test]
    [Order(2)]
    public void Rebuild_WithoutChanges_SkipsThePullTheNormalizationAndNSwag()
    {
        var generated = Path.Combine(Obj, "Gemini.Generated.g.cs");
        var before = File.GetLastWriteTimeUtc(generated);

        var (exitCode, output) = Dotnet("build", "src/Gemini.Generated", $"-p:GeminiSpecSource={_spec}", "-v:n");

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(output, Does.Contain("Skipping target \"GeminiPrepareSpec\" because all output files are up-to-date"));
        Assert.That(output, Does.Contain("Skipping target \"GeminiGenerateCode\" because all output files are up-to-date"));
        Assert.That(File.GetLastWriteTimeUtc(generated), Is.EqualTo(before));
    }

    [Test]
    [Order(3)]
    public async Task Build_WithASpecThatIsNotTheLockedVersion_FailsWithOneErrorNamingBothHashes()
    {
        var history = await HistoryCopyAsync();

        var (exitCode, output) = Dotnet("build", "src/Gemini.Generated", $"-p:GeminiSpecSource={history}");

        Assert.That(exitCode, Is.Not.EqualTo(0));
        Assert.That(output, Does.Contain("error GEM002"));
        Assert.That(output, Does.Contain(CurrentSha256).And.Contain(HistorySpec.Sha256));
        Assert.That(output, Does.Contain("dotnet build src/Gemini.Generated -t:UpdateSpec -p:GeminiSpecSource="));
        Assert.That(output, Does.Not.Contain("MSB3073").And.Not.Contain("GEM008"), "the tool's error is the only error");
    }

    [Test]
    [Order(4)]
    public async Task UpdateSpec_ToTheOlderSpec_RefusesNamingTheCostContract_ThenAcceptsItWhenAskedAndBack()
    {
        var history = await HistoryCopyAsync();
        var lockBefore = File.ReadAllBytes(Lock);
        var surfaceBefore = File.ReadAllBytes(Surface);

        var (exitCode, output) = Dotnet("build", "src/Gemini.Generated", "-t:UpdateSpec", $"-p:GeminiSpecSource={history}");

        Assert.That(exitCode, Is.Not.EqualTo(0), output);
        Assert.That(output, Does.Contain("- request: provider (string) removed  [BREAKING]"));
        Assert.That(output, Does.Contain("- response 200 application/json: meta (object, nullable) removed  [BREAKING]"));
        Assert.That(output, Does.Contain("error GEM009").And.Contain("Contract 'cost'").And.Contain("-p:GeminiAcceptBreakingSpec=true"));
        Assert.That(File.ReadAllBytes(Lock), Is.EqualTo(lockBefore), "the lock is unchanged");
        Assert.That(File.ReadAllBytes(Surface), Is.EqualTo(surfaceBefore), "the surface is unchanged");

        var (acceptExitCode, acceptOutput) = Dotnet("build", "src/Gemini.Generated", "-t:UpdateSpec", $"-p:GeminiSpecSource={history}", "-p:GeminiAcceptBreakingSpec=true");
        Assert.That(acceptExitCode, Is.EqualTo(0), acceptOutput);
        Assert.That(SpecLock.Read(Lock).Sha256, Is.EqualTo(HistorySpec.Sha256));

        // After accepting the older spec, the next build regenerates and stops at the contract that needs 'meta'.
        var (buildExitCode, buildOutput) = Dotnet("build", "src/Gemini.Generated", $"-p:GeminiSpecSource={history}");
        Assert.That(buildExitCode, Is.Not.EqualTo(0));
        Assert.That(buildOutput, Does.Contain("error GEM003").And.Contain("Contract 'cost': 'POST /v1/chat/completions response 200 application/json: meta' is not in the spec"));

        var (backExitCode, backOutput) = Dotnet("build", "src/Gemini.Generated", "-t:UpdateSpec", $"-p:GeminiSpecSource={_spec}");
        Assert.That(backExitCode, Is.EqualTo(0), backOutput);
        Assert.That(backOutput, Does.Contain("+ request: provider (string) added"));
        Assert.That(backOutput, Does.Contain("+ response 200 application/json: meta (object, nullable) added"));
        Assert.That(backOutput, Does.Contain("every rule applies"));
        Assert.That(SpecLock.Read(Lock).Sha256, Is.EqualTo(CurrentSha256));
        Assert.That(File.ReadAllBytes(Surface), Is.EqualTo(surfaceBefore));
    }

    [Test]
    [Order(5)]
    public void Build_WithGenerateFalse_CompilesTheEarlierGeneratedCodeWithoutThePipeline()
    {
        var (generated, _) = Dotnet("build", "src/Gemini.Generated", $"-p:GeminiSpecSource={_spec}");
        Assert.That(generated, Is.EqualTo(0));
        var code = Path.Combine(Obj, "Gemini.Generated.g.cs");
        var before = File.GetLastWriteTimeUtc(code);

        // A source that does not exist: the pipeline would fail at once if it ran.
        var (exitCode, output) = Dotnet("build", "src/Gemini.Generated", "-p:GeminiGenerate=false", "-p:GeminiSpecSource=missing/spec.json", "-v:n");

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(output, Does.Not.Contain("GeminiPrepareSpec").And.Not.Contain("GEM001"));
        Assert.That(File.GetLastWriteTimeUtc(code), Is.EqualTo(before));
    }

    [Test]
    [Order(6)]
    public void Build_FromALoopbackHttpServer_PullsAndVerifies_AndSkipsNSwagWhenNothingChanged()
    {
        using var server = WireMockServer.Start(new WireMockServerSettings { Urls = new[] { "http://127.0.0.1:0" } });
        server.Given(Request.Create().WithPath("/gemini-2.5-flash.json").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(File.ReadAllBytes(_spec)));

        var (exitCode, output) = Dotnet("build", "src/Gemini.Generated", $"-p:GeminiSpecSource={server.Url}/gemini-2.5-flash.json", "-v:n");

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(server.LogEntries, Has.Exactly(1).Items, "pulled once for all target frameworks");
        Assert.That(output, Does.Contain("Skipping target \"GeminiGenerateCode\" because all output files are up-to-date"),
            "the same bytes from another source normalize to the same document, so NSwag does not run again");
        Assert.That(File.ReadAllText(Path.Combine(Obj, "source.txt")).Trim(), Is.EqualTo(server.Url + "/gemini-2.5-flash.json"));
    }

    [Test]
    [Order(7)]
    public void Clean_RemovesTheGeneratedCodeAndThePulledSpec()
    {
        Assert.That(Directory.Exists(Obj), Is.True);

        var (exitCode, output) = Dotnet("clean", "src/Gemini.Generated", $"-p:GeminiSpecSource={_spec}");

        Assert.That(exitCode, Is.EqualTo(0), output);
        Assert.That(Directory.Exists(Obj), Is.False);
    }

    private async Task<string> HistoryCopyAsync()
    {
        var path = Path.Combine(_copy.Root, "..", Path.GetFileName(_copy.Root) + "-history.json");
        await File.WriteAllBytesAsync(path, await HistorySpec.BytesAsync());
        return Path.GetFullPath(path);
    }

    private (int ExitCode, string Output) Dotnet(params string[] arguments) => _copy.Dotnet(arguments);
}
