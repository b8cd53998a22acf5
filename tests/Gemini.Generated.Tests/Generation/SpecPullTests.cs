using System;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;
using Gemini.Generated.Tests.Support;
using Gemini.SpecTool;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Gemini.Generated.Tests.Generation;

/// <summary>The pull-and-verify step, run through the tool's command line in process.</summary>
public class SpecPullTests
{
    private string _work = null!;

    [SetUp]
    public void SetUp() => _work = TestPaths.TempDirectory("pull");

    [Test]
    public async Task Prepare_FromLoopbackHttpServer_CachesTheVerifiedSpecAndNormalizes()
    {
        using var server = WireMockServer.Start(new WireMockServerSettings { Urls = new[] { "http://127.0.0.1:0" } });
        server.Given(Request.Create().WithPath("/specs/gemini-2.5-flash.json").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(TestPaths.CurrentSpecBytes()));
        var source = server.Url + "/specs/gemini-2.5-flash.json";

        var (exitCode, _, error) = await PrepareAsync(source);

        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(File.ReadAllBytes(Path.Combine(_work, "spec.json")), Is.EqualTo(TestPaths.CurrentSpecBytes()));
        Assert.That(File.ReadAllText(Path.Combine(_work, "normalized.json")), Does.Contain("\"ChatCompletionRequest\""));
        Assert.That(server.LogEntries, Has.Exactly(1).Items);
    }

    [Test]
    public async Task Prepare_FromRelativePath_ResolvesAgainstTheBaseDirectory()
    {
        var folder = Path.Combine(_work, "copies");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "spec-copy.json"), TestPaths.CurrentSpecBytes());

        var (exitCode, _, error) = await PrepareAsync("copies/spec-copy.json", baseDirectory: _work);

        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(File.ReadAllBytes(Path.Combine(_work, "spec.json")), Is.EqualTo(TestPaths.CurrentSpecBytes()));
    }

    [Test]
    public async Task Prepare_FromFileUrl_Works()
    {
        var (exitCode, _, error) = await PrepareAsync(new Uri(TestPaths.CurrentSpec).AbsoluteUri);

        Assert.That(exitCode, Is.EqualTo(0), error);
    }

    [Test]
    public async Task Prepare_WhenTheSpecDiffersFromTheLock_FailsNamingBothHashesAndTheAcceptCommand()
    {
        var changed = Path.Combine(_work, "changed.json");
        File.WriteAllText(changed, File.ReadAllText(TestPaths.CurrentSpec) + " ");

        var (exitCode, _, error) = await PrepareAsync(changed);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.StartWith("GeminiSpecSource : error GEM002: "));
        Assert.That(error, Does.Contain(SpecLock.Read(TestPaths.LockFile).Sha256));
        Assert.That(error, Does.Contain(SpecLock.HashOf(File.ReadAllBytes(changed))));
        Assert.That(error, Does.Contain("dotnet build src/Gemini.Generated -t:UpdateSpec -p:GeminiSpecSource=" + changed));
        Assert.That(File.Exists(Path.Combine(_work, "normalized.json")), Is.False, "nothing is generated from an unverified spec");
    }

    [Test]
    public async Task Prepare_WhenTheServerIsUnreachable_GivesOneParagraphWithTheOfflineCommand()
    {
        var port = FreePort();

        var (exitCode, _, error) = await PrepareAsync($"http://127.0.0.1:{port}/gemini-2.5-flash.json");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error.Trim().Split('\n'), Has.Length.EqualTo(1), "one paragraph");
        Assert.That(error, Does.StartWith("GeminiSpecSource : error GEM001: Cannot fetch the OpenAPI spec from http://127.0.0.1:"));
        Assert.That(error, Does.Contain("-p:GeminiSpecSource=../shared/openapi/gemini-2.5-flash.json"));
        Assert.That(error, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public async Task Prepare_WhenTheServerAnswers404_SaysSoAndHowToBuildOffline()
    {
        using var server = WireMockServer.Start(new WireMockServerSettings { Urls = new[] { "http://127.0.0.1:0" } });

        var (exitCode, _, error) = await PrepareAsync(server.Url + "/missing.json");

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain("the server answered 404"));
        Assert.That(error, Does.Contain("To build offline"));
    }

    [Test]
    public async Task Prepare_WhenTheFileIsMissing_NamesTheResolvedPath()
    {
        var (exitCode, _, error) = await PrepareAsync("no-such-spec.json", baseDirectory: _work);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain("no file at '" + Path.Combine(_work, "no-such-spec.json") + "'"));
    }

    [Test]
    public async Task Prepare_WhenTheDocumentIsNotJson_SaysSo()
    {
        var html = Path.Combine(_work, "page.html");
        File.WriteAllText(html, "<html>Not found</html>");
        var lockFile = Path.Combine(_work, "html.lock.json");
        SpecLock.For(html, File.ReadAllBytes(html)).Write(lockFile);

        var (exitCode, _, error) = await PrepareAsync(html, lockFile: lockFile);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error, Does.Contain("error GEM004").And.Contain("is not valid JSON"));
    }

    private async Task<(int ExitCode, string Output, string Error)> PrepareAsync(string source, string? baseDirectory = null, string? lockFile = null)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await Program.RunAsync(new[]
        {
            "prepare",
            "--source", source,
            "--base-dir", baseDirectory ?? _work,
            "--lock", lockFile ?? TestPaths.LockFile,
            "--cache", Path.Combine(_work, "spec.json"),
            "--out", Path.Combine(_work, "normalized.json"),
            "--nswag", TestPaths.NSwagConfig,
        }, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
