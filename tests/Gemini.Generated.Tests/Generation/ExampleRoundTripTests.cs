using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Gemini.Generated.Tests.Support;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated.Tests.Generation;

/// <summary>
/// Every example in the spec goes through the generated models and comes back the same: the property examples, assembled into
/// a completion and a chunk, and the request bodies of the code samples.
/// </summary>
public class ExampleRoundTripTests
{
    private static readonly JObject Spec = JObject.Parse(File.ReadAllText(TestPaths.CurrentSpec));

    private static IEnumerable<TestCaseData> ResponseExamples()
    {
        foreach (var (path, _) in Operations())
        {
            var content = Spec["paths"]![path]!["post"]!["responses"]!["200"]!["content"]!;
            yield return new TestCaseData(path, "application/json", typeof(ChatCompletion)).SetName($"Completion example of {path}");
            yield return new TestCaseData(path, "text/event-stream", typeof(ChatCompletionChunk)).SetName($"Chunk example of {path}");
            _ = content;
        }
    }

    [TestCaseSource(nameof(ResponseExamples))]
    public void ResponseExample_RoundTripsThroughTheGeneratedModel(string path, string mediaType, System.Type model)
    {
        var schema = (JObject)Spec["paths"]![path]!["post"]!["responses"]!["200"]!["content"]![mediaType]!["schema"]!;
        var example = (JObject)FromExamples(schema)!;
        Assert.That(CountExamples(schema), Is.GreaterThan(0), "the schema has examples");

        var value = JsonConvert.DeserializeObject(example.ToString(), model, GeminiJson.Settings)!;
        var back = JObject.Parse(JsonConvert.SerializeObject(value, GeminiJson.Settings));

        Assert.That(JsonSemantics.Equal(back, WithoutNulls(example)), Is.True, $"example {example}\nback    {back}");
    }

    [Test]
    public void CompletionExample_KeepsTypedValues()
    {
        var schema = (JObject)Spec["paths"]!["/v1/chat/completions"]!["post"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;

        var completion = JsonConvert.DeserializeObject<ChatCompletion>(FromExamples(schema)!.ToString(), GeminiJson.Settings)!;

        Assert.That(completion.Created, Is.EqualTo(1762343744L));
        Assert.That(completion.Choices![0].Index, Is.EqualTo(0));
        Assert.That(completion.Choices[0].Message!.Role, Is.EqualTo(ChatRole.Assistant));
        Assert.That(completion.Usage!.PromptTokens, Is.EqualTo(137));
        Assert.That(completion.Usage.TotalTokens, Is.EqualTo(1051));
        Assert.That(completion.Meta!.Usage!.CreditsUsed, Is.EqualTo(120000m));
        Assert.That(completion.UsdSpent, Is.EqualTo(0.06m));
    }

    private static IEnumerable<TestCaseData> CodeSamples()
    {
        foreach (var (path, operation) in Operations())
        {
            foreach (var sample in (JArray)operation["x-codeSamples"]!)
            {
                yield return new TestCaseData((string)sample["lang"]!, (string)sample["source"]!).SetName($"Code sample {sample["lang"]} of {path}");
            }
        }
    }

    [TestCaseSource(nameof(CodeSamples))]
    public void CodeSampleRequest_RoundTripsThroughChatCompletionRequest(string language, string source)
    {
        var body = RequestBody(language, source);

        var request = JsonConvert.DeserializeObject<ChatCompletionRequest>(body.ToString(), GeminiJson.Settings)!;
        var back = JObject.Parse(JsonConvert.SerializeObject(request, GeminiJson.Settings));

        Assert.That(request.Messages, Is.Not.Empty);
        Assert.That(JsonSemantics.Equal(back, body), Is.True, $"sample {body}\nback   {back}");
    }

    private static IEnumerable<(string Path, JObject Operation)> Operations() =>
        ((JObject)Spec["paths"]!).Properties().Select(p => (p.Name, (JObject)p.Value["post"]!));

    /// <summary>An instance built from the schema's property examples: objects recurse, arrays hold one item.</summary>
    private static JToken? FromExamples(JObject schema)
    {
        if (schema.TryGetValue("example", out var example))
        {
            return example.DeepClone();
        }

        if (schema["properties"] is JObject properties)
        {
            var result = new JObject();
            foreach (var property in properties.Properties())
            {
                if (FromExamples((JObject)property.Value) is { } value)
                {
                    result[property.Name] = value;
                }
            }

            return result.Count > 0 ? result : null;
        }

        if (schema["items"] is JObject items && FromExamples(items) is { } item)
        {
            return new JArray(item);
        }

        return null;
    }

    private static int CountExamples(JToken token) =>
        token is JObject obj ? (obj.ContainsKey("example") ? 1 : 0) + obj.Properties().Sum(p => CountExamples(p.Value))
        : token is JArray array ? array.Sum(CountExamples) : 0;

    private static JToken WithoutNulls(JToken token)
    {
        switch (token)
        {
            case JObject obj:
                var copy = new JObject();
                foreach (var property in obj.Properties().Where(p => p.Value.Type != JTokenType.Null))
                {
                    copy[property.Name] = WithoutNulls(property.Value);
                }

                return copy;
            case JArray array:
                return new JArray(array.Select(WithoutNulls));
            default:
                return token.DeepClone();
        }
    }

    /// <summary>The JSON body of a cURL, JavaScript or Python sample (the latter two are read leniently: unquoted keys, trailing commas).</summary>
    private static JObject RequestBody(string language, string source)
    {
        var text = language switch
        {
            "cURL" => Regex.Match(source, @"--data '(?<body>.*)'", RegexOptions.Singleline).Groups["body"].Value,
            "JavaScript" => Regex.Match(source, @"JSON\.stringify\((?<body>\{.*?\})\)", RegexOptions.Singleline).Groups["body"].Value,
            "Python" => Regex.Match(source, @"json=(?<body>\{.*\})\s*\)", RegexOptions.Singleline).Groups["body"].Value,
            _ => throw new AssertionException("no parser for " + language + " samples"),
        };
        Assert.That(text, Is.Not.Empty, $"no request body found in the {language} sample");
        return JObject.Parse(text);
    }
}
