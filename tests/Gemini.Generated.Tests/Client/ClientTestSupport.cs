using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Support;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace Gemini.Generated.Tests.Client;

/// <summary>Environment variables for the client's internal constructor.</summary>
internal static class FakeEnvironment
{
    public static Func<string, string?> Of(params (string Name, string Value)[] variables)
    {
        var values = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return name => values.TryGetValue(name, out var value) ? value : null;
    }
}

/// <summary>The spec's request schema for POST /v1/chat/completions, read from the spec copy beside the test assembly.</summary>
internal static class SpecRequestSchema
{
    private static readonly Lazy<Task<JsonSchema>> Schema = new(LoadAsync);

    /// <summary>Asserts that <paramref name="body"/> validates against the request schema with no errors.</summary>
    public static async Task AssertValidAsync(string body)
    {
        var errors = await ErrorsAsync(body);
        Assert.That(errors, Is.Empty, "validation errors against the spec's request schema for " + body);
    }

    /// <summary>The validation errors of <paramref name="body"/> against the request schema, as "path: kind".</summary>
    public static async Task<IReadOnlyList<string>> ErrorsAsync(string body)
    {
        var schema = await Schema.Value;
        return schema.Validate(body).Select(e => $"{e.Path}: {e.Kind}").ToArray();
    }

    private static async Task<JsonSchema> LoadAsync()
    {
        var spec = JObject.Parse(await File.ReadAllTextAsync(TestPaths.CurrentSpec));
        var schema = spec["paths"]?["/v1/chat/completions"]?["post"]?["requestBody"]?["content"]?["application/json"]?["schema"]
            ?? throw new InvalidOperationException("The spec has no request schema for POST /v1/chat/completions.");
        // The SDK sends any model id (normalization rule 'model'): the spec's enum lists the models of the spec it comes from.
        (schema["properties"]?["model"] as JObject)?.Remove("enum");
        return await JsonSchema.FromJsonAsync(schema.ToString());
    }
}

/// <summary>JSON assertions.</summary>
internal static class JsonAssert
{
    /// <summary>Asserts that <paramref name="actual"/> equals the JSON text <paramref name="expected"/> (property order aside).</summary>
    public static void AreEqual(string expected, JToken? actual, string? what = null) => AreEqual(Parse(expected), actual, what);

    /// <summary>Asserts that <paramref name="actual"/> equals <paramref name="expectedToken"/> (property order aside).</summary>
    public static void AreEqual(JToken expectedToken, JToken? actual, string? what = null)
    {
        Assert.That(JToken.DeepEquals(expectedToken, actual), Is.True,
            $"{what ?? "JSON"}: expected {expectedToken.ToString(Newtonsoft.Json.Formatting.None)}, got {actual?.ToString(Newtonsoft.Json.Formatting.None) ?? "nothing"}");
    }

    /// <summary>Parses JSON text, keeping strings that look like dates as strings, as the SDK does.</summary>
    public static JToken Parse(string json)
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(json)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }

    public static IReadOnlyCollection<string> Keys(JObject json) => json.Properties().Select(p => p.Name).ToArray();
}

/// <summary>Texts a key must never appear in.</summary>
internal static class KeyScan
{
    public static void AssertAbsent(string key, IEnumerable<(string What, string? Text)> texts)
    {
        foreach (var (what, text) in texts)
        {
            Assert.That(text ?? string.Empty, Does.Not.Contain(key), what + " shows the API key");
        }
    }
}
