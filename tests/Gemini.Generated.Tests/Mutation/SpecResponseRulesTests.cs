using System.Linq;
using Gemini.SpecTool;
using static Gemini.Generated.Tests.Mutation.SpecRuleHarness;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>The response rules on a small spec: number formats where the spec has numbers, and the chunk's 'meta'.</summary>
public class SpecResponseRulesTests
{
    [Test]
    public void NumberFormats_SetsTheFormatOfNumbers_AndSkipsWithAWarningWhatIsGoneOrNotANumber()
    {
        var document = Document(
            completion: """{ "type": "object", "properties": { "created": { "type": "string" }, "choices": { "type": "array", "items": { "type": "object", "properties": { "index": { "type": "number" } } } } } }""",
            chunk: """{ "type": "object", "properties": { "created": { "type": "number" } } }""");

        var context = Apply(document, "number-formats");

        Assert.That(Json(CompletionBody(document)["properties"]!["created"]), Is.EqualTo(Json("""{ "type": "string" }""")), "not a number: left as it is");
        Assert.That(Json(CompletionBody(document)["properties"]!["choices"]!["items"]!["properties"]!["index"]), Is.EqualTo(Json("""{ "type": "integer", "format": "int32" }""")));
        Assert.That(Json(ChunkBody(document)["properties"]!["created"]), Is.EqualTo(Json("""{ "type": "integer", "format": "int64" }""")));
        var warnings = context.Warnings.Select(w => w.ToString()).ToList();
        Assert.That(warnings, Does.Contain("Normalization rule 'number-formats' skipped 'response 200 application/json: created': expected a number, found string."));
        Assert.That(warnings, Does.Contain("Normalization rule 'number-formats' skipped 'response 200 application/json: usage.prompt_tokens': not in the spec."));
        Assert.That(warnings, Has.Count.EqualTo(ResponseRules.NumberFormats.Count - 2), "one warning for each location but the two numbers");
    }

    [Test]
    public void ChunkMeta_AddsTheCompletionsMetaToAChunkWithoutOne_AndKeepsTheChunksOwn()
    {
        var without = Document(chunk: """{ "type": "object", "properties": { "id": { "type": "string" } } }""");
        Apply(without, "chunk-meta");
        Assert.That(Json(ChunkBody(without)["properties"]!["meta"]), Is.EqualTo(Json("""{ "$ref": "#/components/schemas/ChatCompletionMeta" }""")));

        var own = """{ "type": "object", "properties": { "credits": { "type": "number" } } }""";
        var with = Document(chunk: $$"""{ "type": "object", "properties": { "meta": {{own}} } }""");
        Apply(with, "chunk-meta");
        Assert.That(Json(ChunkBody(with)["properties"]!["meta"]), Is.EqualTo(Json(own)));
    }
}
