using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Gemini.SpecTool;

namespace Gemini.Generated.Tests.Generation.Variants;

/// <summary>
/// The kinds of change the published spec has gone through (issue 11), each built in code as a variant of the current
/// published spec: never a copy of the spec in the repository.
/// </summary>
public static class SpecVariants
{
    private const string Operation = "/v1/chat/completions";

    /// <summary>Every variant by name.</summary>
    public static IReadOnlyDictionary<string, Func<JsonObject, JsonObject>> All { get; } = new Dictionary<string, Func<JsonObject, JsonObject>>
    {
        ["drops-provider"] = DropsProvider,
        ["adds-request-properties"] = AddsRequestProperties,
        ["adds-content-parts"] = AddsContentParts,
        ["tools-become-unions"] = ToolsBecomeUnions,
        ["adds-tool-choice-variants"] = AddsToolChoiceVariants,
        ["system-content-is-text-only"] = SystemContentIsTextOnly,
        ["drops-duplicate-path"] = DropsDuplicatePath,
        ["drops-meta"] = DropsMeta,
        ["drops-nested-response-property"] = DropsNestedResponseProperty,
        ["changes-model-enum"] = ChangesModelEnum,
        ["adds-uncovered-union"] = AddsUncoveredUnion,
        ["adds-required-request-property"] = AddsRequiredRequestProperty,
    };

    /// <summary>The current published spec, parsed afresh.</summary>
    public static JsonObject Current() => PublishedSpec.Read();

    public static JsonObject Build(string name) => All[name](Current());

    /// <summary>The request lost <c>provider</c>, as in the 2026-01-16 spec.</summary>
    public static JsonObject DropsProvider(JsonObject spec)
    {
        foreach (var path in Paths(spec))
        {
            Properties(Request(spec, path)).Remove("provider");
        }

        return spec;
    }

    /// <summary>The request gained a string enum, an array of an enum, an object with an open enum, and a boolean (as sibling specs have).</summary>
    public static JsonObject AddsRequestProperties(JsonObject spec)
    {
        var properties = Properties(Request(spec, Operation));
        properties["reasoning_effort"] = Json("""{ "type": "string", "enum": ["low", "medium", "high"], "description": "How much the model reasons before it answers." }""");
        properties["modalities"] = Json("""{ "type": "array", "items": { "type": "string", "enum": ["text", "audio"] }, "description": "Output types the model should generate." }""");
        properties["audio"] = Json("""
            {
              "type": "object",
              "description": "Parameters for audio output.",
              "properties": {
                "voice": { "anyOf": [ { "type": "string", "enum": ["alloy", "ash", "ballad"] }, { "type": "string" } ], "description": "The voice the model answers with." },
                "format": { "type": "string", "enum": ["wav", "mp3", "flac", "opus", "pcm16"], "description": "The output audio format." }
              },
              "required": ["voice", "format"]
            }
            """);
        properties["normalize_tool_schemas"] = Json("""{ "type": "boolean", "description": "Whether tool schemas are normalized for the provider." }""");
        return spec;
    }

    /// <summary>User content parts gained video_url, file and input_audio.</summary>
    public static JsonObject AddsContentParts(JsonObject spec)
    {
        var parts = Node(MessageVariant(spec, "user"), "properties", "content", "anyOf", 1, "items", "anyOf").AsArray();
        parts.Add(Json("""
            { "type": "object", "properties": {
                "type": { "type": "string", "enum": ["video_url"] },
                "video_url": { "type": "object", "properties": { "url": { "type": "string", "format": "uri", "description": "The video's URL." } }, "required": ["url"] } },
              "required": ["type", "video_url"] }
            """));
        parts.Add(Json("""
            { "type": "object", "properties": {
                "type": { "type": "string", "enum": ["file"] },
                "file": { "type": "object", "properties": { "file_data": { "type": "string" }, "file_id": { "type": "string" }, "filename": { "type": "string" } } } },
              "required": ["type", "file"] }
            """));
        parts.Add(Json("""
            { "type": "object", "properties": {
                "type": { "type": "string", "enum": ["input_audio"] },
                "input_audio": { "type": "object", "properties": { "data": { "type": "string" }, "format": { "type": "string", "enum": ["wav", "mp3"] } }, "required": ["data", "format"] } },
              "required": ["type", "input_audio"] }
            """));
        return spec;
    }

    /// <summary>tools items and the assistant's tool_calls items became oneOf function | custom.</summary>
    public static JsonObject ToolsBecomeUnions(JsonObject spec)
    {
        var tools = Node(Request(spec, Operation), "properties", "tools").AsObject();
        var function = tools["items"]!.DeepClone();
        tools["items"] = new JsonObject
        {
            ["oneOf"] = new JsonArray(function, Json("""
                { "type": "object", "properties": {
                    "type": { "type": "string", "enum": ["custom"] },
                    "custom": { "type": "object", "properties": { "name": { "type": "string" }, "description": { "type": "string" } }, "required": ["name"] } },
                  "required": ["type", "custom"] }
                """)),
        };

        var calls = Node(MessageVariant(spec, "assistant"), "properties", "tool_calls").AsObject();
        var functionCall = calls["items"]!.DeepClone();
        calls["items"] = new JsonObject
        {
            ["oneOf"] = new JsonArray(functionCall, Json("""
                { "type": "object", "properties": {
                    "id": { "type": "string" },
                    "type": { "type": "string", "enum": ["custom"] },
                    "custom": { "type": "object", "properties": { "input": { "type": "string" }, "name": { "type": "string" } }, "required": ["input", "name"] } },
                  "required": ["id", "type", "custom"] }
                """)),
        };
        return spec;
    }

    /// <summary>tool_choice gained the allowed_tools and custom object variants.</summary>
    public static JsonObject AddsToolChoiceVariants(JsonObject spec)
    {
        var branches = Node(Request(spec, Operation), "properties", "tool_choice", "anyOf").AsArray();
        branches.Add(Json("""
            { "type": "object", "properties": {
                "type": { "type": "string", "enum": ["allowed_tools"] },
                "allowed_tools": { "type": "object", "properties": { "mode": { "type": "string", "enum": ["auto", "required"] }, "tools": { "type": "array", "items": { "type": "object", "additionalProperties": true } } }, "required": ["mode", "tools"] } },
              "required": ["type", "allowed_tools"] }
            """));
        branches.Add(Json("""
            { "type": "object", "properties": {
                "type": { "type": "string", "enum": ["custom"] },
                "custom": { "type": "object", "properties": { "name": { "type": "string" } }, "required": ["name"] } },
              "required": ["type", "custom"] }
            """));
        return spec;
    }

    /// <summary>A system message's content is a string only; the other direction is content that became a string or a list of text parts.</summary>
    public static JsonObject SystemContentIsTextOnly(JsonObject spec)
    {
        Node(MessageVariant(spec, "system"), "properties").AsObject()["content"] = Json("""{ "type": "string", "description": "The contents of the system message." }""");
        return spec;
    }

    public static JsonObject DropsDuplicatePath(JsonObject spec)
    {
        spec["paths"]!.AsObject().Remove("/chat/completions");
        return spec;
    }

    /// <summary>The response lost <c>meta</c> (the cost), as in the 2026-01-16 spec.</summary>
    public static JsonObject DropsMeta(JsonObject spec)
    {
        foreach (var path in Paths(spec))
        {
            Properties(Response(spec, path, "application/json")).Remove("meta");
        }

        return spec;
    }

    /// <summary><c>choices[].message.audio.expires_at</c> is gone: the target of an integer coercion.</summary>
    public static JsonObject DropsNestedResponseProperty(JsonObject spec)
    {
        var audio = Node(Response(spec, Operation, "application/json"), "properties", "choices", "items", "properties", "message", "properties", "audio").AsObject();
        Properties(audio).Remove("expires_at");
        audio["required"] = new JsonArray("id", "data", "transcript");
        return spec;
    }

    /// <summary>The model enum of a sibling model's spec.</summary>
    public static JsonObject ChangesModelEnum(JsonObject spec)
    {
        foreach (var path in Paths(spec))
        {
            Node(Request(spec, path), "properties", "model").AsObject()["enum"] = new JsonArray("google/gemini-2.5-pro", "google/gemini-2.5-pro-preview");
        }

        return spec;
    }

    /// <summary>A new union no rule covers: a oneOf of untagged objects.</summary>
    public static JsonObject AddsUncoveredUnion(JsonObject spec)
    {
        Properties(Request(spec, Operation))["routing"] = Json("""
            { "oneOf": [
                { "type": "object", "properties": { "region": { "type": "string" } } },
                { "type": "object", "properties": { "zone": { "type": "string" } } } ] }
            """);
        return spec;
    }

    /// <summary>A new request property that is required: requests written for the old spec lack it.</summary>
    public static JsonObject AddsRequiredRequestProperty(JsonObject spec)
    {
        var request = Request(spec, Operation);
        Properties(request)["safety_identifier"] = Json("""{ "type": "string", "description": "A stable identifier of the end user." }""");
        request["required"]!.AsArray().Add("safety_identifier");
        return spec;
    }

    private static IEnumerable<string> Paths(JsonObject spec) => spec["paths"]!.AsObject().Select(p => p.Key).ToList();

    private static JsonObject Request(JsonObject spec, string path) =>
        Node(spec, "paths", path, "post", "requestBody", "content", "application/json", "schema").AsObject();

    private static JsonObject Response(JsonObject spec, string path, string media) =>
        Node(spec, "paths", path, "post", "responses", "200", "content", media, "schema").AsObject();

    private static JsonObject Properties(JsonObject schema) => schema["properties"]!.AsObject();

    private static JsonObject MessageVariant(JsonObject spec, string role) =>
        Node(Request(spec, Operation), "properties", "messages", "items", "oneOf").AsArray()
            .Select(v => v!.AsObject())
            .Single(v => (string?)v["properties"]!["role"]!["enum"]![0] == role);

    private static JsonNode Node(JsonNode node, params object[] path)
    {
        foreach (var step in path)
        {
            node = (step is int index ? node[index] : node[(string)step]) ?? throw new InvalidOperationException($"The spec has no '{step}' where the variant expects it.");
        }

        return node;
    }

    private static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();
}
