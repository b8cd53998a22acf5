using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Gemini.Generated.Extensions.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Gemini.Generated.Extensions.Tests.Docs;

/// <summary>
/// Every C# block of the repository README and the package README compiles against the built assemblies, as a program of its
/// own. A block that uses a name an earlier block declared (<c>client</c>, <c>request</c>, <c>completion</c>) gets that declaration first.
/// </summary>
public class ReadmeSnippetTests
{
    private static readonly string[] Documents = { "README.md", Path.Combine("src", "Gemini.Generated", "PACKAGE.md") };

    private static readonly string[] ImplicitUsings = { "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Threading", "System.Threading.Tasks" };

    /// <summary>The context a block may take from the blocks before it.</summary>
    private static readonly (string Name, string Declaration)[] Context =
    {
        ("client", "var client = Gemini.Generated.GeminiClient.FromEnvironment();"),
        ("request", "var request = new Gemini.Generated.ChatCompletionRequest(Gemini.Generated.ChatMessage.User(\"Hi\"));"),
        ("completion", "var completion = await Gemini.Generated.GeminiClient.FromEnvironment().CompleteAsync(\"Hi\");"),
    };

    private static readonly Lazy<MetadataReference[]> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll"))
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .Select(g => (MetadataReference)MetadataReference.CreateFromFile(g.First()))
            .ToArray());

    public static IEnumerable<TestCaseData> Blocks() =>
        from document in Documents
        from block in CSharpBlocks(Repository.PathOf(document))
        select new TestCaseData(document, block.Line, block.Code).SetName($"Block_Compiles({document}:{block.Line})");

    [Test]
    public void EachDocument_HasCSharpBlocks()
    {
        foreach (var document in Documents)
        {
            Assert.That(CSharpBlocks(Repository.PathOf(document)).Count(), Is.GreaterThan(3), document);
        }
    }

    [TestCaseSource(nameof(Blocks))]
    public void Block_Compiles(string document, int line, string code)
    {
        var source = AsProgram(code);
        var compilation = CSharpCompilation.Create(
            "Snippet",
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        Assert.That(errors, Is.Empty, $"The C# block at {document}:{line} does not compile:\n{string.Join("\n", errors)}\n\n{source}");
    }

    /// <summary>The block as a top-level program: its using directives first, then the context it takes, then its code.</summary>
    private static string AsProgram(string code)
    {
        var lines = code.Replace("\r\n", "\n").Split('\n');
        var directives = lines.Where(IsUsingDirective).ToList();
        var body = string.Join("\n", lines.Where(l => !IsUsingDirective(l)));
        var program = new StringBuilder();
        foreach (var name in ImplicitUsings.Concat(directives.Count == 0 ? new[] { "Gemini.Generated" } : Array.Empty<string>()).Concat(body.Contains("Assert.") ? new[] { "NUnit.Framework" } : Array.Empty<string>()))
        {
            program.Append("using ").Append(name).Append(";\n");
        }

        directives.ForEach(d => program.Append(d).Append('\n'));
        foreach (var (name, declaration) in Context)
        {
            if (Regex.IsMatch(body, $@"\b{name}\b") && !Regex.IsMatch(body, $@"\b(var|[A-Z]\w*)\s+{name}\s*="))
            {
                program.Append(declaration).Append('\n');
            }
        }

        return program.Append(body).Append('\n').ToString();
    }

    private static bool IsUsingDirective(string line) => Regex.IsMatch(line.Trim(), @"^using\s+(\w+\s*=\s*)?[\w.]+;$");

    private static IEnumerable<(int Line, string Code)> CSharpBlocks(string path)
    {
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```csharp")
            {
                continue;
            }

            var start = i + 1;
            var end = Array.FindIndex(lines, start, l => l.Trim() == "```");
            yield return (start + 1, string.Join("\n", lines.Skip(start).Take(end - start)));
            i = end;
        }
    }
}
