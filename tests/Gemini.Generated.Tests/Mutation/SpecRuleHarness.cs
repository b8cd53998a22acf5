using System.Linq;
using System.Text.Json.Nodes;
using Gemini.SpecTool;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>A small spec with just the chat completions operation, and normalization rules applied to it one at a time.</summary>
internal static class SpecRuleHarness
{
    public const string RequestPointer = "/paths/~1v1~1chat~1completions/post/requestBody/content/application~1json/schema";

    /// <summary>A spec whose request, completion and chunk bodies are the given schemas, with the given named schemas.</summary>
    public static JsonObject Document(string request = "{}", string completion = "{}", string chunk = "{}", string schemas = "{}") =>
        (JsonObject)JsonNode.Parse($$"""
            {
              "openapi": "3.0.0",
              "paths": { "/v1/chat/completions": { "post": {
                "requestBody": { "content": { "application/json": { "schema": {{request}} } } },
                "responses": { "200": { "content": {
                  "application/json": { "schema": {{completion}} },
                  "text/event-stream": { "schema": {{chunk}} } } } } } } },
              "components": { "schemas": {{schemas}} }
            }
            """)!;

    /// <summary>Applies the named rule of the normalizer to <paramref name="document"/> and returns the context it ran in.</summary>
    public static NormalizationContext Apply(JsonObject document, string rule)
    {
        var context = new NormalizationContext(document) { Rule = SpecNormalizer.Rules.Single(r => r.Name == rule) };
        context.Rule.Apply(context);
        return context;
    }

    public static JsonNode Schema(NormalizationContext context, string name) => context.Schemas[name] ?? throw new AssertionException($"no schema '{name}'");

    public static JsonObject RequestBody(JsonObject document) =>
        document["paths"]!["/v1/chat/completions"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!.AsObject();

    public static JsonObject CompletionBody(JsonObject document) =>
        document["paths"]!["/v1/chat/completions"]!["post"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!.AsObject();

    public static JsonObject ChunkBody(JsonObject document) =>
        document["paths"]!["/v1/chat/completions"]!["post"]!["responses"]!["200"]!["content"]!["text/event-stream"]!["schema"]!.AsObject();

    /// <summary>Compact JSON of <paramref name="node"/>, for comparing a schema with the one expected.</summary>
    public static string Json(JsonNode? node) => node?.ToJsonString() ?? "null";

    /// <summary>Compact JSON of a JSON text written readably in a test.</summary>
    public static string Json(string text) => JsonNode.Parse(text)!.ToJsonString();
}
