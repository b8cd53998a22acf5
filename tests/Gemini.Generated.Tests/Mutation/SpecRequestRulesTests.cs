using System.Linq;
using Gemini.SpecTool;
using static Gemini.Generated.Tests.Mutation.SpecRuleHarness;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>The request rules (<see cref="RequestRules"/>), each on a small spec.</summary>
public class SpecRequestRulesTests
{
    private const string NameWarning =
        "the documented name pattern (a-z, A-Z, 0-9, underscores and dashes, at most 64) is no longer in the description";

    [Test]
    public void Constraints_ANameDocumentedWithThePatternAndTheLengthGetsBoth()
    {
        var document = Document(schemas: Definitions("Letters a-z, A-Z, 0-9, underscores and dashes, at most 64.", "Use a-z, A-Z, 0-9; up to 64 long."));

        var context = Apply(document, "request-constraints");

        foreach (var name in new[] { "JsonSchemaDefinition", "FunctionDefinition" })
        {
            var schema = context.Schemas[name]!["properties"]!["name"]!;
            Assert.That(((string?)schema["pattern"], (int?)schema["maxLength"]), Is.EqualTo(("^[a-zA-Z0-9_-]+$", (int?)64)), name);
        }

        Assert.That(context.Warnings.Select(w => w.Location), Is.EqualTo(new[] { "request: messages", "ToolMessage.tool_call_id" }));
    }

    [TestCase("Letters a-z, A-Z, 0-9, underscores and dashes.")]
    [TestCase("At most 64 characters.")]
    [TestCase(null)]
    public void Constraints_ANameNoLongerDocumentedWithThePatternAndTheLength_IsSkippedWithAWarning(string? description)
    {
        var document = Document(schemas: Definitions(description, "a-z, A-Z, 0-9, at most 64"));

        var context = Apply(document, "request-constraints");

        Assert.That(Json(context.Schemas["JsonSchemaDefinition"]!["properties"]!["name"]), Is.EqualTo(Json(Name(description))), "no pattern, no maximum length");
        Assert.That(context.Schemas["FunctionDefinition"]!["properties"]!["name"]!["maxLength"]?.GetValue<int>(), Is.EqualTo(64));
        Assert.That(context.Warnings.Select(w => w.ToString()), Does.Contain(
            $"Normalization rule 'request-constraints' skipped 'JsonSchemaDefinition.name': {NameWarning}."));
    }

    [Test]
    public void Constraints_ANamedSchemaThatIsGone_IsSkippedAndTheOtherStillGetsThePattern()
    {
        var document = Document(schemas: """
            { "FunctionDefinition": { "properties": { "name": { "type": "string", "description": "a-z, A-Z, 0-9, at most 64" } } } }
            """);

        var context = Apply(document, "request-constraints");

        Assert.That((string?)context.Schemas["FunctionDefinition"]!["properties"]!["name"]!["pattern"], Is.EqualTo("^[a-zA-Z0-9_-]+$"));
        Assert.That(context.Warnings.Select(w => (w.Location, w.Problem)), Does.Contain(("JsonSchemaDefinition.name", "not in the spec")));
    }

    [Test]
    public void UriStrings_DropTheUriOrUrlFormatOfStringsOnly()
    {
        var document = Document(schemas: """
            { "U": { "properties": {
              "a": { "type": "string", "format": "uri" },
              "b": { "type": "string", "format": "url" },
              "c": { "type": "string", "format": "date-time" },
              "d": { "type": "integer", "format": "uri" } } } }
            """);

        var context = Apply(document, "uri-strings");

        Assert.That(Json(context.Schemas["U"]), Is.EqualTo(Json("""
            { "properties": {
              "a": { "type": "string" },
              "b": { "type": "string" },
              "c": { "type": "string", "format": "date-time" },
              "d": { "type": "integer", "format": "uri" } } }
            """)));
    }

    [TestCase("""{ "type": "string", "enum": [ "m1", "m2" ], "description": "ignored" }""",
        "The model id. When unset, the client sends its default model (m1, m2).")]
    [TestCase("""{ "type": "string", "description": "Which model." }""", "Which model.")]
    [TestCase("""{ "type": "string" }""", "The model id.")]
    public void Model_BecomesAnOptionalStringDescribedByItsDefaultModels(string model, string description)
    {
        var document = Document(request: $$"""{ "type": "object", "required": [ "model", "messages" ], "properties": { "model": {{model}} } }""");

        Apply(document, "model");

        Assert.That(Json(JsonPointer.Find(document, RequestPointer)),
            Is.EqualTo(Json($$"""{ "type": "object", "required": [ "messages" ], "properties": { "model": { "type": "string", "description": "{{description}}" } } }""")));
    }

    [Test]
    public void StreamOptions_IncludeUsageBecomesOptional_AndMustExist()
    {
        var document = Document(request: """
            { "properties": { "stream_options": { "type": "object", "required": [ "include_usage" ], "properties": { "include_usage": { "type": "boolean" } } } } }
            """);

        Apply(document, "stream-options");

        Assert.That(Json(JsonPointer.Find(document, RequestPointer + "/properties/stream_options")),
            Is.EqualTo(Json("""{ "type": "object", "properties": { "include_usage": { "type": "boolean" } } }""")));

        var without = Document(request: """{ "properties": { "stream_options": { "type": "object", "properties": {} } } }""");
        var error = Assert.Throws<SpecToolException>(() => Apply(without, "stream-options"))!;
        Assert.That(error.Message, Does.StartWith("Normalization rule 'stream-options' no longer fits the spec at 'request: stream_options.include_usage': not in the spec."));
    }

    private static string Definitions(string? jsonSchemaName, string? functionName) => $$"""
        {
          "JsonSchemaDefinition": { "properties": { "name": {{Name(jsonSchemaName)}} } },
          "FunctionDefinition": { "properties": { "name": {{Name(functionName)}} } }
        }
        """;

    private static string Name(string? description) =>
        description is null ? """{ "type": "string" }""" : $$"""{ "type": "string", "description": "{{description}}" }""";
}
