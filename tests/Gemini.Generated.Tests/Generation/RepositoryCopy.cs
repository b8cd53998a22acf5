using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Gemini.Generated.Tests.Support;

namespace Gemini.Generated.Tests.Generation;

/// <summary>A copy of the repository's tracked files in a temporary folder (what a fresh clone has), and dotnet run in it.</summary>
public sealed class RepositoryCopy : IDisposable
{
    private RepositoryCopy(string root) => Root = root;

    public string Root { get; }

    public string Lock => Path.Combine(Root, "openapi", "gemini-2.5-flash.lock.json");

    public string Surface => Path.Combine(Root, "openapi", "gemini-2.5-flash.surface.json");

    public static RepositoryCopy Create(string name)
    {
        var copy = new RepositoryCopy(TestPaths.TempDirectory(name));
        foreach (var file in TrackedFiles())
        {
            var target = Path.Combine(copy.Root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(TestPaths.RepoRoot, file), target);
        }

        return copy;
    }

    /// <summary>Puts the committed lock and surface back.</summary>
    public void ResetSpecLock()
    {
        File.Copy(TestPaths.LockFile, Lock, overwrite: true);
        File.Copy(TestPaths.SurfaceFile, Surface, overwrite: true);
    }

    public (int ExitCode, string Output) Dotnet(params string[] arguments) => Dotnet(TimeSpan.FromMinutes(5), arguments);

    public (int ExitCode, string Output) Dotnet(TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments.Concat(arguments[0] == "test" ? Array.Empty<string>() : new[] { "-nodeReuse:false", "--disable-build-servers", "-tl:off" }))
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild settings must not leak into the child build.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(' ', arguments)} did not finish in {timeout}:\n{output}");
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string[] TrackedFiles()
    {
        var start = new ProcessStartInfo("git", "ls-files -z") { WorkingDirectory = TestPaths.RepoRoot, RedirectStandardOutput = true, UseShellExecute = false };
        using var git = Process.Start(start)!;
        var files = git.StandardOutput.ReadToEnd().Split('\0', StringSplitOptions.RemoveEmptyEntries);
        git.WaitForExit();
        Assert.That(git.ExitCode, Is.EqualTo(0), "git ls-files");
        return files.Where(f => File.Exists(Path.Combine(TestPaths.RepoRoot, f))).ToArray();
    }
}
