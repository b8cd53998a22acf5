using System.Linq;
using System.Text.Json.Nodes;
using Gemini.SpecTool;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>A spec reduced to the chat completions request and some named schemas, for running one normalization rule on it.</summary>
internal static class SpecRuleSandbox
{
    public const string RequestPointer = "/paths/~1v1~1chat~1completions/post/requestBody/content/application~1json/schema";

    /// <summary>A spec whose request body is <paramref name="request"/> and whose named schemas are <paramref name="schemas"/>.</summary>
    public static JsonObject Document(string request = "{}", string schemas = "{}") =>
        (JsonObject)JsonNode.Parse($$"""
            {
              "openapi": "3.0.0",
              "paths": { "/v1/chat/completions": { "post": {
                "requestBody": { "content": { "application/json": { "schema": {{request}} } } } } } },
              "components": { "schemas": {{schemas}} }
            }
            """)!;

    /// <summary>Runs the normalizer's rule named <paramref name="rule"/> on <paramref name="document"/>; returns the context it ran in.</summary>
    public static NormalizationContext Run(JsonObject document, string rule)
    {
        var context = new NormalizationContext(document) { Rule = SpecNormalizer.Rules.Single(r => r.Name == rule) };
        context.Rule.Apply(context);
        return context;
    }

    /// <summary>Compact JSON of a JSON text written readably in a test, or of a node.</summary>
    public static string Json(string text) => JsonNode.Parse(text)!.ToJsonString();

    public static string Json(JsonNode? node) => node?.ToJsonString() ?? "null";
}
