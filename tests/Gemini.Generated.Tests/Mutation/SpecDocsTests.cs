using System.Text.Json.Nodes;
using Gemini.SpecTool;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>The docs rule on a small hand-written document: which schemas get which summary.</summary>
public class SpecDocsTests
{
    [Test]
    public void Docs_DescribeWhatHasNoDescription_FromTheTableOrByTheWireName_AndLeaveHandWrittenTypesAlone()
    {
        var document = (JsonObject)JsonNode.Parse("""
            {"components":{"schemas":{
              "ChatCompletionRequest": { "type": "object", "properties": {
                "stop": { "type": "string" },
                "response_format": { "type": "object" },
                "described": { "type": "string", "description": "Kept." },
                "other": { "type": "string" } } },
              "Hand": { "type": "object", "x-gemini-hand-written": true, "properties": { "a": { "type": "string" } } },
              "Flag": true,
              "Sub": { "allOf": [ { "type": "object", "properties": { "inherited": { "type": "string" } } } ],
                       "properties": { "own": { "type": "string" } } }
            }}}
            """)!;
        var context = new NormalizationContext(document) { Rule = Docs.Rule };

        Docs.Rule.Apply(context);

        var schemas = context.Schemas;
        Assert.That(Description(schemas["ChatCompletionRequest"]), Is.EqualTo("The 'ChatCompletionRequest' object of the API."));
        var request = schemas["ChatCompletionRequest"]!["properties"]!;
        Assert.That(Description(request["stop"]), Is.EqualTo("Up to 4 sequences where the API stops generating: one string, or a list."));
        Assert.That(Description(request["response_format"]), Is.EqualTo("The format the model must output: text, a JSON object, or JSON that follows a schema."));
        Assert.That(Description(request["described"]), Is.EqualTo("Kept."));
        Assert.That(Description(request["other"]), Is.EqualTo("The API's 'other' field."));
        Assert.That(Description(schemas["Hand"]), Is.Null);
        Assert.That(Description(schemas["Hand"]!["properties"]!["a"]), Is.Null);
        Assert.That(schemas["Flag"]!.ToJsonString(), Is.EqualTo("true"));
        Assert.That(Description(schemas["Sub"]), Is.EqualTo("The 'Sub' object of the API."));
        Assert.That(Description(schemas["Sub"]!["allOf"]![0]!["properties"]!["inherited"]), Is.EqualTo("The API's 'inherited' field."));
        Assert.That(Description(schemas["Sub"]!["properties"]!["own"]), Is.EqualTo("The API's 'own' field."));
    }

    private static string? Description(JsonNode? schema) => (string?)schema?["description"];
}
