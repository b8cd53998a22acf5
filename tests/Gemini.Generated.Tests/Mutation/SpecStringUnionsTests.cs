using System.Text.Json.Nodes;
using static Gemini.Generated.Tests.Mutation.SpecRuleHarness;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>The rule 'string-unions' on small schemas: which unions become strings, and what their description and nullability become.</summary>
public class SpecStringUnionsTests
{
    private static JsonNode Normalized(string property)
    {
        var document = Document(schemas: $$"""{ "Options": { "type": "object", "properties": { "p": {{property}} } } }""");
        return Schema(Apply(document, "string-unions"), "Options")["properties"]!["p"]!;
    }

    [TestCase("""{ "anyOf": [ { "type": "string", "enum": ["low", "high"] }, { "type": "string" } ] }""",
        """{ "type": "string", "description": "Known values: low, high; any other string is kept." }""",
        TestName = "OpenEnum_BecomesAStringThatListsTheKnownValuesAndIsNotNullable")]
    [TestCase("""{ "anyOf": [ { "type": "string", "enum": ["a"] }, { "nullable": true } ] }""",
        """{ "type": "string", "nullable": true, "description": "Known values: a; any other string is kept." }""",
        TestName = "ABranchThatIsOnlyNullable_MakesTheStringNullable")]
    [TestCase("""{ "oneOf": [ { "type": "string", "format": "uri" }, { "type": "null" } ] }""",
        """{ "type": "string", "nullable": true }""",
        TestName = "ANullTypedBranch_MakesTheStringNullable_AndWithoutKnownValuesNoDescriptionIsAdded")]
    [TestCase("""{ "description": "Outer.", "anyOf": [ { "type": "string", "enum": ["x", "y"], "description": "Inner." }, { "type": "string" } ] }""",
        """{ "description": "Outer. Known values: x, y.", "type": "string" }""",
        TestName = "TheUnionsOwnDescription_IsKeptAndTheKnownValuesFollowIt")]
    [TestCase("""{ "anyOf": [ { "type": "string", "enum": ["x"], "description": "Inner." }, { "type": "string", "description": "Other." } ] }""",
        """{ "type": "string", "description": "Inner. Known values: x." }""",
        TestName = "WithoutItsOwnDescription_TheFirstBranchDescriptionIsUsed")]
    public void StringUnion_BecomesAString(string union, string expected)
    {
        Assert.That(Json(Normalized(union)), Is.EqualTo(Json(expected)));
    }

    [TestCase("""{ "anyOf": [ { "type": "string" }, { "type": "integer" } ] }""", TestName = "ABranchOfAnotherType")]
    [TestCase("""{ "anyOf": [ { "type": "string" }, { "type": "string", "properties": { "a": { "type": "string" } } } ] }""", TestName = "AStringBranchWithProperties")]
    [TestCase("""{ "anyOf": [ { "type": "string" }, { "type": "string", "oneOf": [ { "type": "string" }, { "type": "integer" } ] } ] }""", TestName = "AStringBranchThatIsAOneOf")]
    [TestCase("""{ "anyOf": [ { "type": "string" }, { "type": "string", "anyOf": [ { "type": "string" }, { "type": "integer" } ] } ] }""", TestName = "AStringBranchThatIsAnAnyOf")]
    [TestCase("""{ "anyOf": [ { "type": "string" }, true ] }""", TestName = "ABranchThatIsNotASchemaObject")]
    [TestCase("""{ "anyOf": [ { "type": "null" }, { "nullable": true } ] }""", TestName = "OnlyNullBranches")]
    public void UnionThatIsNotJustStrings_IsLeftAsItIs(string union)
    {
        Assert.That(Json(Normalized(union)), Is.EqualTo(Json(union)));
    }
}
