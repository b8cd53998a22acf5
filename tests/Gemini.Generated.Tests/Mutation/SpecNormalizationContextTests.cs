using System;
using System.Linq;
using System.Text.Json.Nodes;
using Gemini.SpecTool;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>
/// The normalization context on small hand-written documents: how rules find schemas by location, follow references, name
/// types, and what their failures say.
/// </summary>
public class SpecNormalizationContextTests
{
    private const string Named = "/components/schemas/";

    private const string Types = """
        {
          "T": {
            "type": "object",
            "properties": {
              "plain": { "type": "string" },
              "list": { "type": "array", "items": { "type": "string" } },
              "map": { "type": "object", "additionalProperties": { "type": "integer" } },
              "sub": { "$ref": "#/components/schemas/Sub" },
              "external": { "$ref": "other.json#/components/schemas/X" },
              "tag": { "type": "string", "enum": ["a", "b"] },
              "[x": { "type": "string" }
            }
          },
          "Sub": {
            "allOf": [ { "$ref": "#/components/schemas/Base" }, { "type": "object", "properties": { "extra": { "type": "string" } } } ],
            "properties": { "own": { "type": "string" } }
          },
          "Base": { "type": "object", "properties": { "id": { "type": "string" } } },
          "Both": {
            "allOf": [ { "type": "object", "properties": { "x": { "type": "string" } } } ],
            "properties": { "x": { "type": "integer" } }
          },
          "OneOf": { "oneOf": [ { "type": "string" }, { "type": "integer" } ] },
          "AnyOf": { "anyOf": [ { "type": "string" }, { "type": "boolean" } ] },
          "AllOf": { "allOf": [ { "type": "object", "properties": { "a": { "type": "string" } } } ] },
          "Tagged": { "oneOf": [ { "type": "object", "properties": { "role": { "type": "string", "enum": ["user"] } } } ] }
        }
        """;

    private static NormalizationContext Context(string schemas = Types) =>
        new((JsonObject)JsonNode.Parse("{\"components\":{\"schemas\":" + schemas + "}}")!);

    [Test]
    public void Schemas_AreTheDocumentsOwn_OrAnEmptySetTheDocumentGains()
    {
        var document = (JsonObject)JsonNode.Parse("""{"components":{"schemas":{"A":{"type":"string"}}}}""")!;
        var context = new NormalizationContext(document);

        Assert.That(context.Schemas.Select(s => s.Key), Is.EqualTo(new[] { "A" }));
        Assert.That(document["components"]!["schemas"], Is.SameAs(context.Schemas));

        var bare = new JsonObject();
        var fresh = new NormalizationContext(bare);
        Assert.That(fresh.Schemas, Is.Empty);
        Assert.That(bare["components"]!["schemas"], Is.SameAs(fresh.Schemas));
    }

    [Test]
    public void Fail_BeforeAnyRuleRuns_NamesNoRuleAndSaysWhatToDo()
    {
        var context = Context();

        Assert.That((context.Rule.Name, context.Rule.Kind, context.Rule.Why), Is.EqualTo(("(none)", RuleKind.Guard, "")));
        var error = context.Fail("T.plain", "something is off");
        Assert.That(error.Code, Is.EqualTo(SpecToolException.Codes.Normalization));
        Assert.That(error.Message, Is.EqualTo(
            "Normalization rule '(none)' no longer fits the spec at 'T.plain': something is off. " +
            "The published spec has moved on; review the change (dotnet build src/Gemini.Generated -t:UpdateSpec) " +
            "and update the rule in build/Gemini.SpecTool/Normalization/."));
    }

    [TestCase("T", "T")]
    [TestCase("T.plain", "T/properties/plain")]
    [TestCase("T.list[]", "T/properties/list/items")]
    [TestCase("T.map{*}", "T/properties/map/additionalProperties")]
    [TestCase("T.sub.own", "Sub/properties/own")]
    [TestCase("T.sub.extra", "Sub/allOf/1/properties/extra")]
    [TestCase("Both.x", "Both/properties/x")]
    [TestCase("OneOf(integer)", "OneOf/oneOf/1")]
    [TestCase("AnyOf(boolean)", "AnyOf/anyOf/1")]
    [TestCase("AllOf(object)", "AllOf/allOf/0")]
    [TestCase("AllOf(object).a", "AllOf/allOf/0/properties/a")]
    [TestCase("Tagged(role=user).role", "Tagged/oneOf/0/properties/role")]
    [TestCase("T.plain.", "T/properties/plain")]
    [TestCase("T.sub..own", "Sub/properties/own")]
    public void Locate_FollowsTheLocationThroughReferencesAndSubtypes(string location, string pointer)
    {
        Assert.That(Context().Locate(location), Is.EqualTo(Named + pointer));
    }

    [TestCase("Missing")]
    [TestCase("nobody: x")]
    [TestCase("T.missing")]
    [TestCase("T.external.x")]
    [TestCase("Both.nowhere")]
    [TestCase("OneOf(boolean)")]
    [TestCase("T[x")]
    public void Locate_WhatIsNotInTheSpec_IsNull(string location)
    {
        Assert.That(Context().Locate(location), Is.Null);
    }

    [Test]
    public void Locate_ReadsALabelUpToTheColonAndATypeNameUpToTheFirstSeparator()
    {
        var context = Context("""{ ":x": { "type": "string" }, ".plain": { "type": "string" }, "": { "type": "object", "properties": { "plain": { "type": "string" } } } }""");

        Assert.That(context.Locate(":x"), Is.Null, "an empty body label, not the type ':x'");
        Assert.That(context.Locate(".plain"), Is.EqualTo(Named + "/properties/plain"), "the property 'plain' of the type ''");
    }

    [Test]
    public void Locate_AnUnclosedParenthesis_IsRejectedAsABadArgument()
    {
        Assert.That(() => Context().Locate("T.list(x"), Throws.InstanceOf<ArgumentException>());
    }

    [Test]
    public void Require_WhatIsNotInTheSpec_Fails()
    {
        var context = Context();

        Assert.That(context.Require("T.plain"), Is.EqualTo(Named + "T/properties/plain"));
        Assert.That(Assert.Throws<SpecToolException>(() => context.Require("T.missing"))!.Message,
            Does.StartWith("Normalization rule '(none)' no longer fits the spec at 'T.missing': not in the spec. "));
    }

    [Test]
    public void Follow_FollowsAtMostSixteenLocalReferences()
    {
        var chain = string.Join(",", Enumerable.Range(0, 17).Select(i => $"\"S{i}\":{{\"$ref\":\"#/components/schemas/S{i + 1}\"}}"));
        var context = Context("{" + chain + ",\"S17\":{\"type\":\"string\"},\"E\":{\"$ref\":\"other.json#/components/schemas/X\"}}");

        Assert.That(context.Follow(Named + "S15"), Is.EqualTo(Named + "S17"));
        Assert.That(context.Follow(Named + "S0"), Is.EqualTo(Named + "S16"));
        Assert.That(context.Follow(Named + "S17"), Is.EqualTo(Named + "S17"));
        Assert.That(context.Follow(Named + "E"), Is.EqualTo(Named + "E"), "a reference into another document is not followed");
    }

    [Test]
    public void Object_AtAPointerThatHoldsNoObject_Fails()
    {
        var context = Context();

        Assert.That(context.Object(Named + "T")["type"]!.GetValue<string>(), Is.EqualTo("object"));
        Assert.That(Assert.Throws<SpecToolException>(() => context.Object(Named + "T/type"))!.Message,
            Does.StartWith($"Normalization rule '(none)' no longer fits the spec at '{Named}T/type': expected a JSON object. "));
    }

    [Test]
    public void Hoist_AReference_FailsAndNamesNothing()
    {
        var context = Context();

        var error = Assert.Throws<SpecToolException>(() => context.Hoist(Named + "T/properties/sub", "New"))!;

        Assert.That(error.Message, Does.StartWith(
            $"Normalization rule '(none)' no longer fits the spec at '{Named}T/properties/sub': expected an inline schema to name 'New', found a reference. "));
        Assert.That(context.Schemas.ContainsKey("New"), Is.False);
        Assert.That(context.Object(Named + "T/properties/sub")["$ref"]!.GetValue<string>(), Is.EqualTo("#/components/schemas/Sub"));
    }

    [Test]
    public void Define_ATakenName_FailsAndKeepsTheFirst()
    {
        var context = Context();

        var error = Assert.Throws<SpecToolException>(() => context.Define("Base", new JsonObject { ["type"] = "string" }, "origin"))!;

        Assert.That(error.Message, Does.StartWith("Normalization rule '(none)' no longer fits the spec at 'origin': the type name 'Base' is already taken. "));
        Assert.That(context.Schemas["Base"]!["type"]!.GetValue<string>(), Is.EqualTo("object"));
    }

    [Test]
    public void TagAndEnumValues_OfASchemaWithoutThem_Fail()
    {
        var context = Context();

        Assert.That(context.Tag(Named + "Tagged/oneOf/0", "role"), Is.EqualTo("user"));
        Assert.That(Assert.Throws<SpecToolException>(() => context.Tag(Named + "OneOf/oneOf/0", "type"))!.Message,
            Does.Contain($"at '{Named}OneOf/oneOf/0': expected a one-value string enum 'type' that tags the branch. "));

        Assert.That(context.EnumValues(Named + "T/properties/tag"), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(Assert.Throws<SpecToolException>(() => context.EnumValues(Named + "T/properties/plain"))!.Message,
            Does.Contain($"at '{Named}T/properties/plain': expected a string enum. "));
    }

    [Test]
    public void AllSchemas_ListsEachPositionOnce_ReachedFirstThroughReferences()
    {
        var context = Context("""{ "A": { "type": "object", "properties": { "b": { "$ref": "#/components/schemas/B" } } }, "B": { "type": "string" } }""");

        Assert.That(context.AllSchemas().Select(s => s.Pointer), Is.EqualTo(new[] { Named + "A", Named + "B" }));
        Assert.That(context.AllSchemas(followReferences: false).Select(s => s.Pointer), Is.EqualTo(new[] { Named + "A", Named + "B" }));
    }
}
