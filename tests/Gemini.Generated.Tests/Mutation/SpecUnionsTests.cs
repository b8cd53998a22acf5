using System;
using System.Linq;
using System.Text.Json.Nodes;
using Gemini.SpecTool;
using static Gemini.Generated.Tests.Mutation.SpecRuleHarness;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>The union rules on small specs: payload unions (tools, tool calls), message content and parts, message roles, tool_choice.</summary>
public class SpecUnionsTests
{
    private const string Ref = "#/components/schemas/";

    private const string ToolDescription = "A tool the model may call. 'type' says which definition is set.";

    private const string FunctionTool = """
        { "type": "object",
          "properties": { "type": { "type": "string", "enum": ["function"] }, "function": { "type": "object", "properties": { "name": { "type": "string" } } },
                          "cache": { "type": "boolean" }, "strict": { "type": "boolean" } },
          "required": ["cache", "type", "function"] }
        """;

    private const string CustomTool = """
        { "type": "object",
          "properties": { "type": { "type": "string", "enum": ["custom"] }, "custom": { "type": "object", "properties": { "name": { "type": "string" } } },
                          "cache": { "type": "boolean" } },
          "required": ["type", "custom"] }
        """;

    private const string FunctionCall = """
        { "type": "object",
          "properties": { "id": { "type": "string" }, "type": { "type": "string", "enum": ["function"] }, "function": { "type": "object", "properties": { "name": { "type": "string" } } } },
          "required": ["id", "type", "function"] }
        """;

    private static string Tools(string items) => $$"""{ "type": "object", "properties": { "tools": { "type": "array", "items": {{items}} } } }""";

    private static string Message(string role, string properties = "", string extra = "") =>
        $$"""{ "type": "object", {{extra}} "properties": { "role": { "type": "string", "enum": ["{{role}}"] } {{properties}} }, "required": ["role"] }""";

    private static string Messages(params string[] variants) =>
        $$"""{ "type": "object", "properties": { "messages": { "type": "array", "items": { "oneOf": [ {{string.Join(", ", variants)}} ] } } } }""";

    private static string Part(string type, string payload = """{ "type": "string" }""") =>
        $$"""{ "type": "object", "properties": { "type": { "type": "string", "enum": ["{{type}}"] }, "{{type}}": {{payload}} }, "required": ["type"] }""";

    /// <summary>The one class of a payload union, as compact JSON: its description, properties and required properties.</summary>
    private static string PayloadClass(string description, string properties, string required) =>
        Json($$"""{ "type": "object", "description": "{{description}}", "properties": { {{properties}} }, "required": {{required}} }""");

    /// <summary>The open tag of a payload union, its first kind the default.</summary>
    private static string OpenType(string kinds) =>
        $$"""{ "type": "string", "default": "function", "x-gemini-constant": true, "description": "The kind: {{kinds}}; other values are kept as sent." }""";

    /// <summary>Function calls in the completion's message, and <paramref name="assistantItems"/> in the assistant message of the request.</summary>
    private static JsonObject ToolCalls(string assistantItems, string schemas = "{}") => Document(
        request: Messages(Message("assistant", $$""", "tool_calls": { "type": "array", "items": {{assistantItems}} }""")),
        completion: $$"""{ "type": "object", "properties": { "choices": { "type": "array", "items": { "type": "object", "properties": { "message": { "type": "object", "properties": { "tool_calls": { "type": "array", "items": {{FunctionCall}} } } } } } } } }""",
        schemas: schemas);

    [Test]
    public void Tools_OfTwoKinds_BecomeOneClassWithTheCommonPropertiesAnOpenTypeAndOnePayloadPerKind()
    {
        var document = Document(request: Tools($$"""{ "oneOf": [ {{FunctionTool}}, {{CustomTool}} ] }"""));

        var context = Apply(document, "tools");

        Assert.That(Json(Schema(context, "ChatTool")), Is.EqualTo(PayloadClass(ToolDescription, $$"""
            "cache": { "type": "boolean" }, "type": {{OpenType("'function' or 'custom'")}},
            "function": { "$ref": "{{Ref}}FunctionDefinition" }, "custom": { "$ref": "{{Ref}}CustomToolDefinition" }
            """, """["cache", "type"]""")));
        Assert.That(Json(Schema(context, "CustomToolDefinition")), Is.EqualTo(Json("""{ "type": "object", "properties": { "name": { "type": "string" } } }""")));
        Assert.That(Json(RequestBody(document)["properties"]!["tools"]!["items"]), Is.EqualTo(Json($$"""{ "$ref": "{{Ref}}ChatTool" }""")));
    }

    [Test]
    public void Tools_AsAUnionOfOneKind_StillBecomeTheClassWithAnOpenType()
    {
        var document = Document(request: Tools($$"""{ "anyOf": [ {{Part("function", """{ "type": "object", "properties": { "name": { "type": "string" } } }""")}} ] }"""));

        var context = Apply(document, "tools");

        Assert.That(Json(Schema(context, "ChatTool")), Is.EqualTo(PayloadClass(ToolDescription,
            $$""" "type": {{OpenType("'function'")}}, "function": { "$ref": "{{Ref}}FunctionDefinition" } """, """["type"]""")));
    }

    [Test]
    public void Tools_WhosePayloadIsAlreadyAReference_KeepThatReference()
    {
        var document = Document(request: Tools(Part("function", $$"""{ "$ref": "{{Ref}}ToolFunction" }""")),
            schemas: """{ "ToolFunction": { "type": "object", "properties": { "name": { "type": "string" } } } }""");

        var context = Apply(document, "tools");

        Assert.That(Json(Schema(context, "ChatTool")["properties"]!["function"]), Is.EqualTo(Json($$"""{ "$ref": "{{Ref}}ToolFunction" }""")));
        Assert.That(context.Schemas.ContainsKey("FunctionDefinition"), Is.False);
    }

    [Test]
    public void Tools_WhenTheSpecHasNone_AreSkippedWithAWarning()
    {
        var context = Apply(Document(request: """{ "type": "object", "properties": { "model": { "type": "string" } } }"""), "tools");

        Assert.That(context.Warnings.Select(w => w.ToString()), Is.EqualTo(new[] { "Normalization rule 'tools' skipped 'request: tools[]': not in the spec." }));
        Assert.That(context.Schemas.ContainsKey("ChatTool"), Is.False);
    }

    [Test]
    public void Tools_WhenAKindLacksItsPayloadProperty_FailNamingTheKind()
    {
        var custom = """{ "type": "object", "properties": { "type": { "type": "string", "enum": ["custom"] }, "input": { "type": "string" } } }""";
        var document = Document(request: Tools($$"""{ "oneOf": [ {{FunctionTool}}, {{custom}} ] }"""));

        var error = Assert.Throws<SpecToolException>(() => Apply(document, "tools"))!;

        Assert.That(error.Message, Does.StartWith("Normalization rule 'tools' no longer fits the spec at '/paths/~1v1~1chat~1completions/post/requestBody/content/application~1json/schema/properties/tools/items/oneOf/1': " +
            "a ChatTool of type 'custom' has no payload property 'custom'."));
    }

    [Test]
    public void ToolCalls_OfOneKindInBothPlaces_AreTheCompletionsSchemaNamed_TheAssistantMessageReferencesIt_AndAnExistingPayloadTypeIsReused()
    {
        var document = ToolCalls(assistantItems: FunctionCall, schemas: """{ "FunctionCall": { "type": "object", "properties": { "name": { "type": "string" } } } }""");

        var context = Apply(document, "tool-calls");

        Assert.That(Json(Schema(context, "ChatToolCall")), Is.EqualTo(Json($$"""
            { "type": "object",
              "properties": { "id": { "type": "string" }, "type": { "type": "string", "enum": ["function"] }, "function": { "$ref": "{{Ref}}FunctionCall" } },
              "required": ["id", "type", "function"] }
            """)));
        var assistant = RequestBody(document)["properties"]!["messages"]!["items"]!["oneOf"]![0]!;
        Assert.That(Json(assistant["properties"]!["tool_calls"]!["items"]), Is.EqualTo(Json($$"""{ "$ref": "{{Ref}}ChatToolCall" }""")));
    }

    [Test]
    public void ToolCalls_OfOneKind_ThatAreAUnionInOnePlace_BecomeTheClassWithAnOpenType()
    {
        var document = ToolCalls(assistantItems: $$"""{ "oneOf": [ {{FunctionCall}} ] }""");

        var context = Apply(document, "tool-calls");

        Assert.That(Json(Schema(context, "ChatToolCall")), Is.EqualTo(PayloadClass(
            "A tool call generated by the model. 'type' says which payload is set; other values are kept as sent.",
            $$""" "id": { "type": "string" }, "type": {{OpenType("'function'")}}, "function": { "$ref": "{{Ref}}FunctionCall" } """, """["id", "type"]""")));
    }

    [Test]
    public void ToolChoice_AsAOneOf_IsDescribedWithItsModes()
    {
        var document = Document(request: """
            { "type": "object", "properties": { "tool_choice": { "oneOf": [
              { "type": "string", "enum": ["none", "auto", "required"] },
              { "type": "object", "properties": { "type": { "type": "string", "enum": ["function"] } } } ] } } }
            """);

        var context = Apply(document, "tool-choice");

        Assert.That((string?)Schema(context, "ToolChoice")["description"], Is.EqualTo("Which tool the model calls: a mode (none, auto, required) or a named tool."));
    }

    private static string ContentMessages(string user, string system, string assistant) => Messages(
        Message("user", $$""", "content": {{user}}"""),
        Message("system", $$""", "content": {{system}}"""),
        Message("assistant", $$""", "content": {{assistant}}"""));

    [Test]
    public void ContentParts_AreCollectedFromAnyOfAndOneOfUnionsAndFromAPlainArray()
    {
        var document = Document(request: ContentMessages(
            user: $$"""{ "anyOf": [ { "type": "string" }, { "type": "array", "items": { "anyOf": [ {{Part("text")}}, {{Part("image_url")}} ] } } ] }""",
            system: $$"""{ "oneOf": [ { "type": "string" }, { "type": "array", "items": {{Part("file")}} } ] }""",
            assistant: $$"""{ "type": "array", "items": {{Part("refusal")}} }"""));

        var context = Apply(document, "content-parts");

        Assert.That(Json(Schema(context, "ChatContentPart")["discriminator"]!["mapping"]), Is.EqualTo(Json($$"""
            { "text": "{{Ref}}TextContentPart", "image_url": "{{Ref}}ImageContentPart", "file": "{{Ref}}FileContentPart", "refusal": "{{Ref}}RefusalContentPart" }
            """)));
        var variants = RequestBody(document)["properties"]!["messages"]!["items"]!["oneOf"]!.AsArray();
        Assert.That(variants.Select(v => Json(v!["properties"]!["content"])), Is.All.EqualTo(Json($$"""{ "$ref": "{{Ref}}ChatMessageContent" }""")));
        Assert.That(context.HandWrittenTypes, Does.Contain("ChatMessageContent"));
        Assert.That(context.Warnings.Select(w => w.ToString()), Is.EqualTo(new[] { "Normalization rule 'content-parts' skipped 'request: prediction.content': not in the spec." }));
    }

    [Test]
    public void ContentParts_WhenContentIsNeitherAStringNorAnArray_Fail()
    {
        var document = Document(request: ContentMessages(
            user: $$"""{ "anyOf": [ { "type": "string" }, { "type": "array", "items": {{Part("text")}} } ] }""",
            system: """{ "type": "string" }""",
            assistant: """{ "anyOf": [ { "type": "string" }, { "type": "integer" } ] }"""));

        var error = Assert.Throws<SpecToolException>(() => Apply(document, "content-parts"))!;

        Assert.That(error.Message, Does.StartWith("Normalization rule 'content-parts' no longer fits the spec at '").And.Contain("/content/anyOf/1': expected a string, or an array of parts."));
    }

    [Test]
    public void ContentParts_WhenTheContentOfAMessageContractIsGone_Fail()
    {
        var document = Document(request: Messages(
            Message("user"),
            Message("system", $$""", "content": { "anyOf": [ { "type": "string" }, { "type": "array", "items": {{Part("text")}} } ] }"""),
            Message("assistant", """, "content": { "type": "string" }""")));

        var error = Assert.Throws<SpecToolException>(() => Apply(document, "content-parts"))!;

        Assert.That(error.Message, Does.StartWith("Normalization rule 'content-parts' no longer fits the spec at 'request: messages[](role=user).content': not in the spec."));
    }

    [Test]
    public void MessageRoles_WithoutADeveloperMessage_AddOneShapedLikeTheSystemMessage_AndSubtypesLoseTheirTitle()
    {
        var content = """, "content": { "type": "string" }""";
        var document = Document(request: Messages(Message("user", content), Message("system", content, """ "title": "System message", "description": "Sets the scene.", """)));

        var context = Apply(document, "message-roles");

        var variant = """{ "type": "object", "properties": { "content": { "type": "string" } } }""";
        Assert.That(Json(Schema(context, "SystemMessage")), Is.EqualTo(Json($$"""{ "description": "Sets the scene.", "allOf": [ { "$ref": "{{Ref}}ChatMessage" }, {{variant}} ] }""")));
        Assert.That(Json(Schema(context, "DeveloperMessage")), Is.EqualTo(Json($$"""
            { "description": "Developer-provided instructions that the model should follow, in place of system messages.", "allOf": [ { "$ref": "{{Ref}}ChatMessage" }, {{variant}} ] }
            """)));
        Assert.That(Schema(context, "ChatMessage")["discriminator"]!["mapping"]!.AsObject().Select(m => m.Key), Is.EqualTo(new[] { "user", "system", "developer" }));
    }

    [Test]
    public void MessageRoles_WithADeveloperMessage_UseIt()
    {
        var content = """, "content": { "type": "string" }""";
        var document = Document(request: Messages(Message("user", content), Message("system", content), Message("developer", content, """ "description": "The spec's own.", """)));

        var context = Apply(document, "message-roles");

        Assert.That((string?)Schema(context, "DeveloperMessage")["description"], Is.EqualTo("The spec's own."));
        Assert.That(Schema(context, "ChatMessage")["discriminator"]!["mapping"]!.AsObject().Select(m => m.Key), Is.EqualTo(new[] { "user", "system", "developer" }));
    }

    [Test]
    public void MessageRoles_WithoutASystemMessageToShapeTheDeveloperMessageOn_Fail()
    {
        var document = Document(request: Messages(Message("user", """, "content": { "type": "string" }""")));

        Assert.That(() => Apply(document, "message-roles"), Throws.InstanceOf<InvalidOperationException>());
    }
}
