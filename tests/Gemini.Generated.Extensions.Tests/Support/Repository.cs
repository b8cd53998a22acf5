using System;
using System.IO;

namespace Gemini.Generated.Extensions.Tests.Support;

/// <summary>The repository the tests run in: its README and the approved public API listings.</summary>
internal static class Repository
{
    public static string Root { get; } = Find(AppContext.BaseDirectory);

    public static string PathOf(params string[] parts) => Path.Combine(Root, Path.Combine(parts));

    private static string Find(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Gemini.Generated.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("No Gemini.Generated.sln above " + start);
    }
}
