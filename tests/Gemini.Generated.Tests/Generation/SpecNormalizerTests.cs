using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Gemini.Generated.Tests.Support;
using Gemini.SpecTool;

namespace Gemini.Generated.Tests.Generation;

public class SpecNormalizerTests
{
    private static JsonObject Current() => PublishedSpec.Read();

    [Test]
    public void Normalize_CurrentSpec_NamesEveryTypeWithoutNumbersOrPlaceholders()
    {
        var result = SpecNormalizer.Normalize(Current());

        Assert.That(result.TypeNames, Is.Not.Empty);
        foreach (var name in result.TypeNames)
        {
            Assert.That(name, Does.Match("^[A-Z][A-Za-z]+$"), "a type name with digits or separators");
            Assert.That(name, Does.Not.Contain("Body").And.Not.Contain("Anonymous").And.Not.EqualTo("Response"));
        }

        Assert.That(result.TypeNames, Is.SupersetOf(new[]
        {
            "ChatCompletionRequest", "ChatCompletion", "ChatCompletionChunk", "ChatChoice", "ChatChunkChoice", "CompletionUsage",
            "ChatMessage", "SystemMessage", "DeveloperMessage", "UserMessage", "AssistantMessage", "ToolMessage",
            "ChatContentPart", "TextContentPart", "ImageContentPart", "ResponseFormat", "ChatToolCall", "ChatCompletionMeta",
        }));
    }

    [Test]
    public void Normalize_CurrentSpec_DropsTheDuplicateOperation()
    {
        var result = SpecNormalizer.Normalize(Current());

        var paths = result.Document["paths"]!.AsObject().Select(p => p.Key).ToArray();
        Assert.That(paths, Is.EqualTo(new[] { "/v1/chat/completions" }));
        Assert.That((string?)result.Document["paths"]!["/v1/chat/completions"]!["post"]!["operationId"], Is.EqualTo("CreateChatCompletion"));
    }

    [Test]
    public void Normalize_CurrentSpec_LeavesNoInlineObjectForNSwagToName()
    {
        var document = SpecNormalizer.Normalize(Current()).Document;

        foreach (var (name, schema) in document["components"]!["schemas"]!.AsObject())
        {
            foreach (var inline in InlineObjects(schema!, "/" + name).Where(p => !Regex.IsMatch(p, "^/[A-Za-z]+/allOf/\\d+$")))
            {
                Assert.Fail($"inline object schema at {inline}: NSwag would name it after its property");
            }
        }
    }

    [Test]
    public void Normalize_CurrentSpec_KeepsResponseEnumsOpenAndCountsInteger()
    {
        var schemas = SpecNormalizer.Normalize(Current()).Document["components"]!["schemas"]!;

        Assert.That(schemas["FinishReason"]!["x-gemini-hand-written"]!.GetValue<bool>(), Is.True);
        Assert.That(schemas["ChatRole"]!["x-gemini-hand-written"]!.GetValue<bool>(), Is.True);
        Assert.That(schemas["ChatCompletion"]!["properties"]!["object"]!["enum"], Is.Null);
        Assert.That(schemas["ChatCompletionChunk"]!["properties"]!["service_tier"]!["enum"], Is.Null);
        Assert.That((string?)schemas["CompletionUsage"]!["properties"]!["prompt_tokens"]!["type"], Is.EqualTo("integer"));
        Assert.That((string?)schemas["ChatCompletion"]!["properties"]!["created"]!["format"], Is.EqualTo("int64"));
        Assert.That((string?)schemas["ChatChoice"]!["properties"]!["index"]!["type"], Is.EqualTo("integer"));
        Assert.That((string?)schemas["ChatCompletionRequest"]!["properties"]!["max_tokens"]!["type"], Is.EqualTo("integer"));
        Assert.That(schemas["ChatCompletion"]!["required"], Is.Null, "response types accept missing fields");
        Assert.That(schemas["ChatCompletionChunk"]!["properties"]!["meta"], Is.Not.Null, "the final chunk carries meta.usage");
    }

    [Test]
    public void Normalize_IsDeterministic()
    {
        var first = Program.Serialize(SpecNormalizer.Normalize(Current()).Document);
        var second = Program.Serialize(SpecNormalizer.Normalize(Current()).Document);

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Rules_InTheOrderTheyRun_AreAsTheListingSays()
    {
        var listing = string.Concat(SpecNormalizer.Rules.Select(r => $"{r.Name} ({r.Kind.ToString().ToLowerInvariant()}): {r.Why}\n"));

        Approval.Verify(Path.Combine(TestPaths.RepoRoot, "tests", "Gemini.Generated.Tests", "Generation", "NormalizationRules.approved.txt"),
            listing, "GEMINI_ACCEPT_SPEC_TOOL", "the normalization rules");
    }

    [Test]
    public void Normalize_TheSpecTheBuildPulled_GivesExactlyTheDocumentTheSdkWasGeneratedFrom()
    {
        // The build ran the spec tool as a process and NSwag generated the SDK from what it wrote. The same normalization
        // here must give the same bytes; otherwise the SDK came from a stale normalization (a change of the tool that the
        // build's up-to-date check missed) or the tool depends on where it runs.
        var generatedFrom = File.ReadAllText(TestPaths.NormalizedSpec);

        var now = SpecNormalizer.Normalize(Program.ReadSpec(TestPaths.CurrentSpecBytes(), TestPaths.CurrentSpec)).Document;

        Assert.That(System.Text.Encoding.UTF8.GetString(Program.Serialize(now)), Is.EqualTo(generatedFrom));
    }

    [Test]
    public void Normalize_WhenTheOperationPathIsRenamed_FailsNamingTheContractAndTheOperation()
    {
        var tampered = Current();
        var paths = tampered["paths"]!.AsObject();
        var operation = paths["/v1/chat/completions"]!;
        paths.Remove("/v1/chat/completions");
        paths["/v2/chat/completions"] = operation;

        var error = Assert.Throws<SpecToolException>(() => SpecNormalizer.Normalize(tampered))!;

        Assert.That(error.Code, Is.EqualTo("GEM003"));
        Assert.That(error.Message, Does.Contain("Contract 'operation': 'POST /v1/chat/completions' is not in the spec; ChatCompletionsClient.CreateChatCompletionAsync"));
    }

    [Test]
    public void Normalize_WhenFinishReasonIsGone_FailsNamingTheContractTheLocationAndTheCodeThatNeedsIt()
    {
        var tampered = Current();
        tampered["paths"]!["/v1/chat/completions"]!["post"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!
            ["properties"]!["choices"]!["items"]!["properties"]!.AsObject().Remove("finish_reason");

        var error = Assert.Throws<SpecToolException>(() => SpecNormalizer.Normalize(tampered))!;

        Assert.That(error.Message, Does.Contain("Contract 'finish-reason': 'POST /v1/chat/completions response 200 application/json: choices[].finish_reason' is not in the spec"));
        Assert.That(error.Message, Does.Contain("ChatChoice.FinishReason (FinishReason): needed by ChatCompletion.FinishReason, IsTruncated"));
    }

    [Test]
    public void Normalize_WhenTheCostTurnsIntoAString_FailsNamingTheType()
    {
        var tampered = Current();
        tampered["paths"]!["/v1/chat/completions"]!["post"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!
            ["properties"]!["meta"]!["properties"]!["usage"]!["properties"]!["usd_spent"]!["type"] = "string";

        var error = Assert.Throws<SpecToolException>(() => SpecNormalizer.Normalize(tampered))!;

        Assert.That(error.Message, Does.Contain("Contract 'cost': 'POST /v1/chat/completions response 200 application/json: meta.usage.usd_spent' is string, not number or integer"));
    }

    [Test]
    public void Normalize_WhenAMessageRoleIsNew_MakesASubtypeNamedFromIt()
    {
        var tampered = Current();
        var variants = tampered["paths"]!["/v1/chat/completions"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!
            ["properties"]!["messages"]!["items"]!["oneOf"]!.AsArray();
        var copy = variants[0]!.DeepClone();
        copy["properties"]!["role"]!["enum"] = new JsonArray("critic");
        variants.Add(copy);

        var schemas = SpecNormalizer.Normalize(tampered).Document["components"]!["schemas"]!;

        Assert.That((string?)schemas["ChatMessage"]!["discriminator"]!["mapping"]!["critic"], Is.EqualTo("#/components/schemas/CriticMessage"));
        Assert.That(schemas["CriticMessage"]!["allOf"]![1]!["properties"]!["content"], Is.Not.Null);
    }

    [Test]
    public void Normalize_WhenAShapingTargetIsGone_SkipsItWithAWarningNamingTheRuleAndTheLocation()
    {
        var tampered = Current();
        tampered["paths"]!["/v1/chat/completions"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["properties"]!.AsObject().Remove("prediction");

        var result = SpecNormalizer.Normalize(tampered);

        Assert.That(result.Warnings.Select(w => w.ToString()), Is.EquivalentTo(new[]
        {
            "Normalization rule 'content-parts' skipped 'request: prediction.content': not in the spec.",
            "Normalization rule 'names' skipped 'request: prediction': not in the spec.",
        }));
        Assert.That(result.TypeNames, Does.Not.Contain("ChatPrediction"));
    }

    [Test]
    public void Normalize_WhenAPropertyNameIsNotSnakeCase_FailsNamingItAndWhere()
    {
        var tampered = Current();
        RequestProperties(tampered)["topK"] = JsonNode.Parse("""{ "type": "integer" }""");

        var error = Assert.Throws<SpecToolException>(() => SpecNormalizer.Normalize(tampered))!;

        Assert.That(error.Message, Does.StartWith("Normalization rule 'property-names' no longer fits the spec at 'ChatCompletionRequest.topK': " +
            "the property name 'topK' is not snake_case."));
    }

    [Test]
    public void Normalize_WhenAReferencePointsNowhere_FailsNamingItAndWhere()
    {
        var tampered = Current();
        var items = (JsonObject)JsonNode.Parse("""{ "type": "array", "items": { "$ref": "#/components/schemas/Missing" } }""")!;
        RequestProperties(tampered)["annotations_wanted"] = items;

        var error = Assert.Throws<SpecToolException>(() => SpecNormalizer.Normalize(tampered))!;

        Assert.That(error.Message, Does.StartWith("Normalization rule 'references' no longer fits the spec at 'ChatCompletionRequest.annotations_wanted[]': " +
            "the reference '#/components/schemas/Missing' points nowhere."));
    }

    [Test]
    public void Normalize_InlineObjectsInListsAndMaps_AreNamedAfterTheirOwnerPropertyAndPlace()
    {
        var tampered = Current();
        RequestProperties(tampered)["labels"] = JsonNode.Parse("""
            { "type": "array", "items": { "type": "object", "properties": { "name": { "type": "string" },
              "scores": { "type": "object", "additionalProperties": { "type": "object", "properties": { "value": { "type": "number" } } } } } } }
            """);

        var result = SpecNormalizer.Normalize(tampered);

        Assert.That(result.TypeNames, Is.SupersetOf(new[] { "ChatCompletionRequestLabelsItem", "ChatCompletionRequestLabelsItemScoresValue" }));
        var schemas = result.Document["components"]!["schemas"]!;
        Assert.That((string?)schemas["ChatCompletionRequest"]!["properties"]!["labels"]!["items"]!["$ref"], Is.EqualTo("#/components/schemas/ChatCompletionRequestLabelsItem"));
    }

    private static JsonObject RequestProperties(JsonObject spec) =>
        spec["paths"]!["/v1/chat/completions"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["properties"]!.AsObject();

    [Test]
    public void Normalize_WhenAUnionNoRuleCoversAppears_FailsNamingIt()
    {
        var tampered = Current();
        tampered["paths"]!["/v1/chat/completions"]!["post"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["properties"]!["verdict"] =
            JsonNode.Parse("""{ "anyOf": [ { "type": "object", "properties": { "a": { "type": "string" } } }, { "type": "integer" } ] }""");

        var error = Assert.Throws<SpecToolException>(() => SpecNormalizer.Normalize(tampered))!;

        Assert.That(error.Message, Does.Contain("rule 'unions-covered'").And.Contain("'ChatCompletion.verdict'").And.Contain("no rule covers this anyOf"));
    }

    [Test]
    public void Normalize_WhenAResponseObjectLosesEveryProperty_FailsInsteadOfGeneratingAnEmptyClass()
    {
        var tampered = Current();
        tampered["paths"]!["/v1/chat/completions"]!["post"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!
            ["properties"]!["usage"]!["properties"]!["prompt_tokens_details"]!["properties"] = new JsonObject();

        var error = Assert.Throws<SpecToolException>(() => SpecNormalizer.Normalize(tampered))!;

        Assert.That(error.Message, Does.Contain("rule 'no-empty-class'").And.Contain("the type 'PromptTokensDetails' would be generated as an empty class"));
    }

    [Test]
    public void Normalize_StringUnions_BecomeStringsWithTheKnownValues()
    {
        var tampered = Current();
        var properties = tampered["paths"]!["/v1/chat/completions"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["properties"]!;
        properties["verbosity"] = JsonNode.Parse("""{ "anyOf": [ { "type": "string", "enum": ["low", "high"] }, { "type": "string" } ] }""");
        properties["callback"] = JsonNode.Parse("""{ "anyOf": [ { "type": "string", "format": "uri" }, { "type": "string", "format": "byte" } ] }""");

        var request = SpecNormalizer.Normalize(tampered).Document["components"]!["schemas"]!["ChatCompletionRequest"]!["properties"]!;

        Assert.That((string?)request["verbosity"]!["type"], Is.EqualTo("string"));
        Assert.That((string?)request["verbosity"]!["description"], Is.EqualTo("Known values: low, high; any other string is kept."));
        Assert.That(request["verbosity"]!["anyOf"], Is.Null);
        Assert.That((string?)request["callback"]!["type"], Is.EqualTo("string"));
    }

    [Test]
    public async Task Normalize_HistorySpec_FailsNamingTheCostContract()
    {
        var history = Program.ReadSpec(await HistorySpec.BytesAsync(), TestPaths.HistorySpecSource);

        var error = Assert.Throws<SpecToolException>(() => SpecNormalizer.Normalize(history))!;

        Assert.That(error.Message, Does.Contain("Contract 'cost': 'POST /v1/chat/completions response 200 application/json: meta' is not in the spec"));
        Assert.That(error.Message, Does.Contain("BillingUsage.UsdSpent").And.Contain("needed by ChatCompletion.CreditsUsed"));
    }

    [Test]
    public void CheckExcludedTypes_WhenNSwagConfigMissesAHandWrittenType_Fails()
    {
        var handWritten = SpecNormalizer.Normalize(Current()).HandWrittenTypes;
        Assert.DoesNotThrow(() => Program.CheckExcludedTypes(TestPaths.NSwagConfig, handWritten));

        var config = JsonNode.Parse(File.ReadAllText(TestPaths.NSwagConfig))!;
        var excluded = config["codeGenerators"]!["openApiToCSharpClient"]!["excludedTypeNames"]!.AsArray();
        excluded.Remove(excluded.First(n => (string?)n == "ToolChoice"));
        var path = Path.Combine(TestPaths.TempDirectory("nswag"), "nswag.json");
        File.WriteAllText(path, config.ToJsonString());

        var error = Assert.Throws<SpecToolException>(() => Program.CheckExcludedTypes(path, handWritten))!;
        Assert.That(error.Message, Does.Contain("missing: ToolChoice"));
    }

    private static System.Collections.Generic.IEnumerable<string> InlineObjects(JsonNode schema, string path)
    {
        if (schema is not JsonObject obj || obj.ContainsKey("$ref"))
        {
            yield break;
        }

        foreach (var keyword in new[] { "allOf", "oneOf", "anyOf" })
        {
            if (obj[keyword] is JsonArray branches)
            {
                for (var i = 0; i < branches.Count; i++)
                {
                    var branchPath = $"{path}/{keyword}/{i}";
                    if (branches[i] is JsonObject branch && branch["properties"] is JsonObject { Count: > 0 })
                    {
                        yield return branchPath;
                    }

                    foreach (var nested in InlineObjects(branches[i]!, branchPath).Where(p => p != branchPath))
                    {
                        yield return nested;
                    }
                }
            }
        }

        if (obj["properties"] is JsonObject properties)
        {
            foreach (var (name, property) in properties)
            {
                if (property is JsonObject p && !p.ContainsKey("$ref") && p["properties"] is JsonObject { Count: > 0 })
                {
                    yield return $"{path}/properties/{name}";
                }

                if (property?["items"] is JsonObject items && !items.ContainsKey("$ref") && items["properties"] is JsonObject { Count: > 0 })
                {
                    yield return $"{path}/properties/{name}/items";
                }
            }
        }
    }
}
