using System;
using System.Linq;
using System.Text.Json.Nodes;
using Gemini.SpecTool;

namespace Gemini.Generated.Tests.Mutation;

/// <summary><see cref="SchemaTree"/> on hand-built schemas: children, references, the walk and the one-word descriptions.</summary>
public class SpecSchemaTreeTests
{
    private static JsonObject Parse(string json) => JsonNode.Parse(json) as JsonObject ?? throw new ArgumentException("not an object", nameof(json));

    [Test]
    public void UnionKeywords_AreOneOfAndAnyOf()
    {
        Assert.That(SchemaTree.UnionKeywords, Is.EqualTo(new[] { "oneOf", "anyOf" }));
    }

    [Test]
    public void Children_ListPropertiesItemsValuesAndEveryBranchWithTheirIndex()
    {
        var schema = Parse("""
            {"properties":{"a/b":{},"c":{}},"items":{},"additionalProperties":{},
             "oneOf":[{},{}],"anyOf":[{}],"allOf":[{},{},{}]}
            """);

        Assert.That(SchemaTree.Children("/s", schema), Is.EqualTo(new[]
        {
            new SchemaChild("/s/properties/a~1b", SchemaEdge.Property, "a/b", -1),
            new SchemaChild("/s/properties/c", SchemaEdge.Property, "c", -1),
            new SchemaChild("/s/items", SchemaEdge.Items, "items", -1),
            new SchemaChild("/s/additionalProperties", SchemaEdge.Values, "additionalProperties", -1),
            new SchemaChild("/s/oneOf/0", SchemaEdge.OneOf, "oneOf", 0),
            new SchemaChild("/s/oneOf/1", SchemaEdge.OneOf, "oneOf", 1),
            new SchemaChild("/s/anyOf/0", SchemaEdge.AnyOf, "anyOf", 0),
            new SchemaChild("/s/allOf/0", SchemaEdge.AllOf, "allOf", 0),
            new SchemaChild("/s/allOf/1", SchemaEdge.AllOf, "allOf", 1),
            new SchemaChild("/s/allOf/2", SchemaEdge.AllOf, "allOf", 2),
        }));
    }

    [Test]
    public void Resolve_FollowsAtMostSixteenReferences()
    {
        // S0 -> S1 -> ... -> S17, and only S17 is not a reference.
        var schemas = new JsonObject();
        for (var i = 0; i < 17; i++)
        {
            schemas[$"S{i}"] = new JsonObject { ["$ref"] = $"#/components/schemas/S{i + 1}" };
        }

        schemas["S17"] = new JsonObject { ["type"] = "string" };
        var document = new JsonObject { ["components"] = new JsonObject { ["schemas"] = schemas } };

        Assert.That(SchemaTree.Resolve(document, (JsonObject)schemas["S1"]!), Is.SameAs(schemas["S17"]));
        Assert.That(SchemaTree.Resolve(document, (JsonObject)schemas["S0"]!), Is.SameAs(schemas["S16"]), "the seventeenth hop is not taken");
    }

    [Test]
    public void Resolve_LeavesAReferenceToAnotherDocumentOrToNothingAsItIs()
    {
        var document = Parse("""{"components":{"schemas":{"A":{"type":"string"}}}}""");
        var external = Parse("""{"$ref":"other.json#/components/schemas/A"}""");
        var missing = Parse("""{"$ref":"#/components/schemas/B"}""");

        Assert.That(SchemaTree.Resolve(document, external), Is.SameAs(external));
        Assert.That(SchemaTree.Resolve(document, missing), Is.SameAs(missing));
    }

    [Test]
    public void Walk_GoesParentsFirstInDocumentOrderThroughReferencesAndTheSubtypeMapping()
    {
        var document = Parse("""
            {"components":{"schemas":{
              "Base":{"discriminator":{"propertyName":"kind","mapping":{"cat":"#/components/schemas/Cat","dog":"#/components/schemas/Dog","fox":"Fox"}},
                      "properties":{"kind":{"type":"string"},"owner":{"$ref":"#/components/schemas/Owner"}}},
              "Cat":{"properties":{"lives":{"type":"integer"}}},
              "Dog":{"properties":{"bark":{"type":"string"}}},
              "Owner":{"properties":{"name":{"type":"string"}}}
            }}}
            """);

        Assert.That(SchemaTree.Walk(document, "/components/schemas/Base").Select(s => s.Pointer), Is.EqualTo(new[]
        {
            "/components/schemas/Base",
            "/components/schemas/Base/properties/kind",
            "/components/schemas/Owner",
            "/components/schemas/Owner/properties/name",
            "/components/schemas/Cat",
            "/components/schemas/Cat/properties/lives",
            "/components/schemas/Dog",
            "/components/schemas/Dog/properties/bark",
        }));
        Assert.That(SchemaTree.Walk(document, "/components/schemas/Base", followReferences: false).Select(s => s.Pointer), Is.EqualTo(new[]
        {
            "/components/schemas/Base",
            "/components/schemas/Base/properties/kind",
        }), "a reference is neither followed nor listed");
    }

    [Test]
    public void TypeOf_IsTheTypeWithItsFormat_ObjectForPropertiesWithoutAType_ElseAny()
    {
        Assert.That(SchemaTree.TypeOf(Parse("""{"type":"integer","format":"int64"}""")), Is.EqualTo("integer (int64)"));
        Assert.That(SchemaTree.TypeOf(Parse("""{"properties":{}}""")), Is.EqualTo("object"));
        Assert.That(SchemaTree.TypeOf(Parse("""{}""")), Is.EqualTo("any"));
    }

    [Test]
    public void EnumValuesAndRequired_KeepANullEntryAsText()
    {
        Assert.That(SchemaTree.EnumValues(Parse("""{"enum":["a",null]}""")), Is.EqualTo(new[] { "a", "null" }));
        Assert.That(SchemaTree.EnumValues(Parse("""{"type":"string"}""")), Is.Null);
        Assert.That(SchemaTree.Required(Parse("""{"required":["a",null]}""")), Is.EqualTo(new[] { "a", string.Empty }));
        Assert.That(SchemaTree.Required(Parse("""{}""")), Is.Empty);
    }
}
