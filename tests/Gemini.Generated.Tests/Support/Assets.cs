using System;
using System.IO;

namespace Gemini.Generated.Tests.Support;

/// <summary>Long response bodies and streams, under the test project's Assets/ and copied beside the test assembly.</summary>
internal static class Assets
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Assets", name));
}
