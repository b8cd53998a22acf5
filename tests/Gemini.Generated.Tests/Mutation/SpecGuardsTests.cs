using System.Linq;
using System.Text.Json.Nodes;
using Gemini.SpecTool;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>The guards that end the normalization, on small hand-written documents, and how they name where a problem is.</summary>
public class SpecGuardsTests
{
    private static NormalizationContext Run(string name, string document)
    {
        var rule = Guards.Rules.Single(r => r.Name == name);
        var context = new NormalizationContext((JsonObject)JsonNode.Parse(document)!) { Rule = rule };
        rule.Apply(context);
        return context;
    }

    [Test]
    public void NoEmptyClass_AcceptsEveryNamedSchemaThatIsNotAnEmptyObject()
    {
        const string Document = """
            {"components":{"schemas":{
              "Text": { "type": "string" },
              "Values": { "enum": ["a", "b"] },
              "Map": { "type": "object", "additionalProperties": { "type": "string" } },
              "Base": { "type": "object", "x-abstract": true },
              "Hand": { "type": "object", "x-gemini-hand-written": true },
              "Derived": { "allOf": [ { "$ref": "#/components/schemas/Base" } ] },
              "Full": { "properties": { "a": { "type": "string" } } }
            }}}
            """;

        Assert.That(() => Run("no-empty-class", Document), Throws.Nothing);
    }

    [TestCase("""{ "type": "object" }""")]
    [TestCase("""{ "properties": {} }""")]
    [TestCase("""{ "type": "object", "additionalProperties": true }""")]
    public void NoEmptyClass_AnObjectWithNothingInIt_Fails(string schema)
    {
        var error = Assert.Throws<SpecToolException>(() => Run("no-empty-class", """{"components":{"schemas":{"Text":{"type":"string"},"Empty":""" + schema + "}}}"))!;

        Assert.That(error.Message, Does.StartWith("Normalization rule 'no-empty-class' no longer fits the spec at 'Empty': the type 'Empty' would be generated as an empty class. "));
    }

    [Test]
    public void References_NamesTheFirstDanglingReferenceOfTheFirstTypeWhereItIsWritten()
    {
        const string Document = """
            {"components":{"schemas":{
              "A": { "type": "object", "properties": {
                "x": { "$ref": "#/components/schemas/B" },
                "y": { "type": "object", "properties": { "w": { "$ref": "#/components/schemas/Nowhere1" } } } } },
              "B": { "type": "object", "properties": { "z": { "$ref": "#/components/schemas/Nowhere2" } } }
            }}}
            """;

        var error = Assert.Throws<SpecToolException>(() => Run("references", Document))!;

        Assert.That(error.Message, Does.StartWith("Normalization rule 'references' no longer fits the spec at 'A.y.w': the reference '#/components/schemas/Nowhere1' points nowhere. "));
    }

    [Test]
    public void PropertyNames_OutsideTheNamedTypes_NamesTheRawPointer()
    {
        const string Document = """
            {"paths":{"/v1/chat/completions":{"post":{"requestBody":{"content":{"application/json":{"schema":
              { "type": "object", "properties": { "BadName": { "type": "string" } } } }}}}}}}
            """;

        var error = Assert.Throws<SpecToolException>(() => Run("property-names", Document))!;

        Assert.That(error.Message, Does.StartWith(
            "Normalization rule 'property-names' no longer fits the spec at '/paths/~1v1~1chat~1completions/post/requestBody/content/application~1json/schema/properties/BadName': " +
            "the property name 'BadName' is not snake_case. "));
    }

    [TestCase("/paths/~1v1~1chat~1completions/post", "/paths/~1v1~1chat~1completions/post")]
    [TestCase("/components/schemas/T", "T")]
    [TestCase("/components/schemas/T/properties/a/items/additionalProperties", "T.a[]{*}")]
    [TestCase("/components/schemas/T/properties/properties", "T.properties")]
    [TestCase("/components/schemas/T/properties", "T/properties")]
    [TestCase("/components/schemas/ChatAudio/properties/voice/anyOf/1", "ChatAudio.voice (anyOf 1)")]
    [TestCase("/components/schemas/T/oneOf/0/properties/a", "T (oneOf 0).a")]
    [TestCase("/components/schemas/T/allOf/1", "T (allOf 1)")]
    [TestCase("/components/schemas/T/oneOf", "T/oneOf")]
    [TestCase("/components/schemas/T/discriminator/mapping", "T/discriminator/mapping")]
    public void Readable_WritesASchemaPointerTheWayLocationsAreWritten(string pointer, string text)
    {
        Assert.That(Guards.Readable(pointer), Is.EqualTo(text));
    }
}
