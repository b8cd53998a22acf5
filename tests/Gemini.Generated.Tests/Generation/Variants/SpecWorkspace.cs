using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using System.Xml.Linq;
using Gemini.Generated.Tests.Support;
using Gemini.SpecTool;

namespace Gemini.Generated.Tests.Generation.Variants;

/// <summary>What one UpdateSpec run printed and returned.</summary>
public sealed record UpdateResult(int ExitCode, string Output, string Error)
{
    public string All => Output + Error;

    public override string ToString() => $"exit code {ExitCode}\n{All}";
}

/// <summary>
/// A lock and a surface of the current published spec in a temporary folder, as the repository has them, on which UpdateSpec
/// runs in process; and the generation steps after it: normalization and NSwag, as the build runs them.
/// </summary>
public sealed class SpecWorkspace
{
    private readonly byte[] _lock;
    private readonly byte[] _surface;

    private SpecWorkspace(string directory)
    {
        Directory = directory;
        Lock = Path.Combine(directory, "gemini-2.5-flash.lock.json");
        Surface = Path.Combine(directory, "gemini-2.5-flash.surface.json");
        var published = PublishedSpec.Bytes();
        SpecLock.For("https://example.org/published/gemini-2.5-flash.json", published).Write(Lock);
        SpecSurface.Of(PublishedSpec.Read(), SpecLock.HashOf(published)).Write(Surface);
        _lock = File.ReadAllBytes(Lock);
        _surface = File.ReadAllBytes(Surface);
    }

    public string Directory { get; }

    public string Lock { get; }

    public string Surface { get; }

    public static SpecWorkspace Create(string name) => new(TestPaths.TempDirectory(name));

    /// <summary>Writes <paramref name="spec"/> as the published file would be (a new file each time) and returns its path.</summary>
    public string Write(JsonObject spec, string name)
    {
        var path = Path.Combine(Directory, name + ".json");
        File.WriteAllBytes(path, Program.Serialize(spec));
        return path;
    }

    public async Task<UpdateResult> UpdateAsync(string source, bool acceptBreaking = false, string recordSource = "")
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await Program.RunAsync(new[]
        {
            "update",
            "--source", source,
            "--base-dir", Directory,
            "--lock", Lock,
            "--surface", Surface,
            "--repo-root", TestPaths.RepoRoot,
            "--record-source", recordSource,
            "--accept-breaking", acceptBreaking ? "true" : "false",
        }, output, error);
        return new UpdateResult(exitCode, output.ToString(), error.ToString());
    }

    public bool LockIsUnchanged => File.ReadAllBytes(Lock).SequenceEqual(_lock);

    public bool SurfaceIsUnchanged => File.ReadAllBytes(Surface).SequenceEqual(_surface);

    /// <summary>Normalizes <paramref name="spec"/> and runs NSwag on it with the repository's nswag.json and templates: the code the next build compiles.</summary>
    public string Generate(JsonObject spec)
    {
        var normalized = Path.Combine(Directory, "normalized.json");
        var output = Path.Combine(Directory, "Gemini.Generated.g.cs");
        var result = SpecNormalizer.Normalize(spec);
        Program.CheckExcludedTypes(TestPaths.NSwagConfig, result.HandWrittenTypes);
        File.WriteAllBytes(normalized, Program.Serialize(result.Document));

        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = TestPaths.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(NSwagTool);
        start.ArgumentList.Add("run");
        start.ArgumentList.Add(TestPaths.NSwagConfig);
        start.ArgumentList.Add($"/variables:Input={normalized},Output={output}");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.EqualTo(0), $"NSwag failed:\n{stdout.Result}\n{stderr}");
        return File.ReadAllText(output);
    }

    /// <summary>NSwag.MSBuild's .NET 10 tool, at the version the SDK's build uses.</summary>
    private static string NSwagTool
    {
        get
        {
            var version = XDocument.Load(Path.Combine(TestPaths.RepoRoot, "Directory.Packages.props")).Descendants("PackageVersion")
                .Single(p => (string?)p.Attribute("Include") == "NSwag.MSBuild").Attribute("Version")!.Value;
            var root = typeof(SpecWorkspace).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NuGetPackageRoot").Value!;
            var tool = Path.Combine(root, "nswag.msbuild", version, "tools", "Net100", "dotnet-nswag.dll");
            Assert.That(File.Exists(tool), Is.True, $"NSwag.MSBuild {version} is not restored at {tool}");
            return tool;
        }
    }
}
