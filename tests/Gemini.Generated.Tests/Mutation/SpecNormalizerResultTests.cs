using System.Linq;
using System.Text.Json.Nodes;
using Gemini.Generated.Tests.Support;
using Gemini.SpecTool;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>What <see cref="SpecNormalizer.Normalize"/> returns besides the document, and the open-enum edit.</summary>
public class SpecNormalizerResultTests
{
    [Test]
    public void Normalize_WithoutTheDuplicateOperation_WarnsThatItWasNotThereAndNamesTypesInOrdinalOrder()
    {
        var spec = Program.ReadSpec(TestPaths.CurrentSpecBytes(), TestPaths.CurrentSpec);
        Assert.That(spec["paths"]!.AsObject().Remove("/chat/completions"), Is.True, "the spec publishes the duplicate");

        var result = SpecNormalizer.Normalize(spec);

        Assert.That(result.Warnings.Select(w => w.ToString()),
            Does.Contain("Normalization rule 'drop-duplicate-operation' skipped 'POST /chat/completions': not in the spec."));
        Assert.That(result.TypeNames, Has.Count.GreaterThan(1));
        Assert.That(result.TypeNames, Is.Ordered.Using((System.Collections.Generic.IComparer<string>)System.StringComparer.Ordinal));
    }

    [TestCase(null, """["a","b"]""", "Known values: a, b.")]
    [TestCase("", """["a",null]""", "Known values: a, null.")]
    [TestCase("The colour.", """["red"]""", "The colour. Known values: red.")]
    public void OpenEnum_MovesTheValuesIntoTheDescription(string? description, string values, string expected)
    {
        var schema = new JsonObject { ["type"] = "string", ["enum"] = JsonNode.Parse(values) };
        if (description is not null)
        {
            schema["description"] = description;
        }

        Schemas.OpenEnum(schema);

        Assert.That(schema.ToJsonString(), Is.EqualTo(new JsonObject { ["type"] = "string", ["description"] = expected }.ToJsonString()));
    }
}
