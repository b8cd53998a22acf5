using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Gemini.Generated.Tests.Support;

/// <summary>Where the tests find the repository, the spec the SDK was generated from, and the older published spec.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The spec the build pulled and verified, copied beside the test assembly.</summary>
    public static string CurrentSpec { get; } = Path.Combine(AppContext.BaseDirectory, "spec", "gemini-2.5-flash.json");

    /// <summary>What the build's spec tool made of <see cref="CurrentSpec"/>: the document NSwag generated the SDK from.</summary>
    public static string NormalizedSpec { get; } = Path.Combine(AppContext.BaseDirectory, "spec", "gemini-2.5-flash.normalized.json");

    public static string LockFile { get; } = Path.Combine(RepoRoot, "openapi", "gemini-2.5-flash.lock.json");

    /// <summary>The committed surface of the locked spec, which UpdateSpec compares a new spec against.</summary>
    public static string SurfaceFile { get; } = Path.Combine(RepoRoot, "openapi", "gemini-2.5-flash.surface.json");

    public static string NSwagConfig { get; } = Path.Combine(RepoRoot, "nswag.json");

    /// <summary>The 2026-01-16 spec: beside the local spec copy the build was given; empty when there is none.</summary>
    public static string HistorySpecSource { get; } = Metadata("GeminiHistorySpecSource");

    public static byte[] CurrentSpecBytes() => File.ReadAllBytes(CurrentSpec);

    public static string TempDirectory(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "gemini-tests", name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly has no '{key}' metadata.");

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Gemini.Generated.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find Gemini.Generated.sln above " + AppContext.BaseDirectory);
    }
}
