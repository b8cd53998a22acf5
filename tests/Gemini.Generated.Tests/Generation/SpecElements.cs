using System.Linq;
using System.Reflection;
using Gemini.Generated.Tests.Support;
using Gemini.SpecTool;

namespace Gemini.Generated.Tests.Generation;

/// <summary>
/// Tests of generated members no contract guarantees reach them through here, never by name in code: when the spec this
/// build was generated from lacks the element, the test is skipped saying so, instead of the test project failing to compile.
/// </summary>
internal static class SpecElements
{
    private static readonly SpecSurface Surface = SpecSurface.Of(Program.ReadSpec(TestPaths.CurrentSpecBytes(), TestPaths.CurrentSpec));

    /// <summary>Skips the test when the spec has no element at <paramref name="location"/> (as the change summary prints it).</summary>
    public static void Require(string location)
    {
        if (Surface.Find(SpecPaths.OperationName, location) is null)
        {
            Assert.Ignore($"The spec this build was generated from has no '{location}' in {SpecPaths.OperationName}, so the SDK has nothing to test there.");
        }
    }

    /// <summary>The enum values at <paramref name="location"/>, or none.</summary>
    public static string[] EnumValues(string location) => Surface.Find(SpecPaths.OperationName, location)?.Enum?.ToArray() ?? System.Array.Empty<string>();

    /// <summary>The generated property for the element at <paramref name="location"/>; the test is skipped when the spec lacks it.</summary>
    public static PropertyInfo Property<T>(string location, string name)
    {
        Require(location);
        var property = typeof(T).GetProperty(name);
        Assert.That(property, Is.Not.Null, $"the spec has '{location}', but {typeof(T).Name} has no property {name}");
        return property!;
    }
}
