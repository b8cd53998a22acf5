using System.Linq;
using Gemini.SpecTool;
using static Gemini.Generated.Tests.Mutation.SpecRuleHarness;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>The names table and the naming of inline schemas (<see cref="Names"/>), each on a small spec.</summary>
public class SpecNamesTests
{
    [Test]
    public void NamesTable_NamesAnInlineTarget_AndLeavesATargetThatIsAlreadyAReference()
    {
        var document = Document(schemas: """
            {
              "ImageContentPart": { "properties": { "image_url": { "$ref": "#/components/schemas/Picture" } } },
              "Picture": { "type": "object", "properties": { "url": { "type": "string" } } },
              "JsonSchemaResponseFormat": { "properties": { "json_schema": { "type": "object", "description": "d", "properties": { "name": { "type": "string" } } } } }
            }
            """);

        var context = Apply(document, "names");

        Assert.That(Json(context.Schemas), Is.EqualTo(Json("""
            {
              "ImageContentPart": { "properties": { "image_url": { "$ref": "#/components/schemas/Picture" } } },
              "Picture": { "type": "object", "properties": { "url": { "type": "string" } } },
              "JsonSchemaResponseFormat": { "properties": { "json_schema": { "$ref": "#/components/schemas/JsonSchemaDefinition", "description": "d" } } },
              "JsonSchemaDefinition": { "type": "object", "description": "d", "properties": { "name": { "type": "string" } } }
            }
            """)));
        Assert.That(context.Warnings.Select(w => w.Location), Does.Contain("ImageUrl.detail").And.Not.Contain("ImageContentPart.image_url"));
    }

    [Test]
    public void Inline_NamesObjectsAndStringEnumsAfterOwnerAndProperty_SkippingUnionAndPropertyTokens()
    {
        var document = Document(schemas: """
            {
              "A": { "type": "object", "properties": {
                "b": { "type": "object", "properties": { "x": { "type": "string" } } },
                "e": { "type": "string", "enum": [ "p", "q" ] },
                "n": { "type": "integer", "enum": [ 1, 2 ] },
                "empty": { "type": "object", "properties": {} },
                "all": { "allOf": [ { "properties": { "y": { "type": "string" } } } ] },
                "one": { "oneOf": [ { "type": "object", "properties": { "k": { "type": "string" } } }, { "type": "string" } ] },
                "any": { "anyOf": [ { "type": "object", "properties": { "z": { "type": "string" } } }, { "type": "integer" } ] } } },
              "B": { "type": "object", "properties": { "c": { "type": "object", "properties": { "w": { "type": "string" } } } } }
            }
            """);

        var context = Apply(document, "name-inline-schemas");

        Assert.That(context.Schemas.Select(s => s.Key), Is.EqualTo(new[] { "A", "B", "AB", "AE", "AAll", "AOne", "AAny", "BC" }),
            "every inline schema of A is named before those of B");
        Assert.That(Json(context.Schemas["A"]), Is.EqualTo(Json("""
            { "type": "object", "properties": {
                "b": { "$ref": "#/components/schemas/AB" },
                "e": { "$ref": "#/components/schemas/AE" },
                "n": { "type": "integer", "enum": [ 1, 2 ] },
                "empty": { "type": "object", "properties": {} },
                "all": { "allOf": [ { "$ref": "#/components/schemas/AAll" } ] },
                "one": { "oneOf": [ { "$ref": "#/components/schemas/AOne" }, { "type": "string" } ] },
                "any": { "anyOf": [ { "$ref": "#/components/schemas/AAny" }, { "type": "integer" } ] } } }
            """)));
        Assert.That(Json(context.Schemas["AE"]), Is.EqualTo(Json("""{ "type": "string", "enum": [ "p", "q" ] }""")));
    }

    [Test]
    public void Inline_WhenTheOwnerAndPropertyNameIsTaken_FailsNamingIt()
    {
        var document = Document(schemas: """
            {
              "A": { "type": "object", "properties": { "b": { "type": "object", "properties": { "x": { "type": "string" } } } } },
              "AB": { "type": "object", "properties": { "y": { "type": "string" } } }
            }
            """);

        var error = Assert.Throws<SpecToolException>(() => Apply(document, "name-inline-schemas"))!;

        Assert.That(error.Code, Is.EqualTo(SpecToolException.Codes.Normalization));
        Assert.That(error.Message, Does.StartWith(
            "Normalization rule 'name-inline-schemas' no longer fits the spec at 'AB': the inline schema's name 'AB' is already taken; " +
            "give one of them a name in the names table."));
    }
}
