using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using Gemini.Generated.Tests.Support;

namespace Gemini.Generated.Tests.Generation;

/// <summary>
/// Every public type, property and enum value of the SDK, generated ones included, has XML docs. The compiler checks it while
/// building (CS1591 stays on for the generated code, build/templates/File.Header.liquid); this reads the docs that shipped.
/// </summary>
public class DocumentationTests
{
    [Test]
    public void GeneratedCode_LeavesMissingDocsAnError()
    {
        var generated = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "src", "Gemini.Generated", "obj", "gemini", "Gemini.Generated.g.cs"));

        Assert.That(generated, Does.Not.Contain("#pragma warning disable 1591"));
    }

    [Test]
    public void PublicTypesPropertiesAndEnumValues_HaveASummary()
    {
        var assembly = typeof(ChatCompletion).Assembly;
        var documented = XDocument.Load(Path.ChangeExtension(assembly.Location, ".xml")).Descendants("member")
            .Where(m => !string.IsNullOrWhiteSpace(m.Element("summary")?.Value) || m.Element("inheritdoc") is not null)
            .Select(m => (string)m.Attribute("name")!)
            .ToHashSet(StringComparer.Ordinal);

        var members = assembly.GetExportedTypes().SelectMany(type => new[] { "T:" + type.FullName }
            .Concat(type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(p => p.GetIndexParameters().Length == 0)
                .Select(p => $"P:{type.FullName}.{p.Name}"))
            .Concat(type.IsEnum ? type.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => $"F:{type.FullName}.{f.Name}") : Array.Empty<string>()));

        var undocumented = members.Where(m => !documented.Contains(m)).ToList();
        Assert.That(undocumented, Is.Empty, string.Join("\n", undocumented));
    }
}
