using System;
using System.Collections.Generic;
using System.Linq;

namespace Gemini.SpecTool;

/// <summary>A spec element hand-written code depends on.</summary>
/// <param name="Name">The feature, named in the failure.</param>
/// <param name="Location">Where in <c>POST /v1/chat/completions</c>, as the change summary prints it.</param>
/// <param name="Generated">The generated type or member it becomes.</param>
/// <param name="NeededBy">The hand-written code that uses it.</param>
/// <param name="Types">When set, the types it may have (<c>integer|number</c>): another type breaks the contract too.</param>
public sealed record Contract(string Name, string Location, string Generated, string NeededBy, string? Types = null);

/// <summary>A contract the spec breaks: the spec element that is gone or changed, what it generated and who needs it.</summary>
public sealed record BrokenContract(string Name, string Where, string Problem, string Generated, string NeededBy)
{
    public override string ToString() => $"Contract '{Name}': '{Where}' {Problem}; {Generated}: needed by {NeededBy}.";
}

/// <summary>
/// What the hand-written code (the SDK's Custom/ layer, gemini-chat, the fake server) relies on, in one table. Normalization
/// fails when the spec no longer has one of these, naming the contract, the spec location and the code that needs it; any
/// other element may come and go, and the code generated from it with it. A test checks that hand-written code uses no
/// other generated member.
/// </summary>
public static class Contracts
{
    private const string R = SpecPaths.Request + " ";
    private const string C = SpecPaths.Completion + " ";
    private const string S = SpecPaths.Chunk + " ";

    public static IReadOnlyList<Contract> Table { get; } = new Contract[]
    {
        new("operation", "", "ChatCompletionsClient.CreateChatCompletionAsync, ChatCompletionsClient.BaseUrl", "GeminiClient, ChatStream: the SDK calls POST /v1/chat/completions"),
        new("operation", SpecPaths.Request, "ChatCompletionRequest", "GeminiClient, gemini-chat, FakeAimlServer"),
        new("operation", SpecPaths.Completion, "ChatCompletion", "GeminiClient.CompleteAsync"),
        new("operation", SpecPaths.Chunk, "ChatCompletionChunk", "ChatStream, ChunkParser, ChatCompletionAccumulator"),

        new("messages", R + "messages", "ChatCompletionRequest.Messages", "ChatCompletionRequest constructors, gemini-chat, FakeAimlServer"),
        new("messages", R + "messages[]", "ChatMessage, JsonInheritanceAttribute.Key, JsonInheritanceAttribute.Type", "JsonInheritanceConverter (every discriminated hierarchy)"),
        new("messages", R + "messages[](role=system)", "SystemMessage, DeveloperMessage", "ChatMessage.System, ChatMessage.Developer"),
        new("messages", R + "messages[](role=user)", "UserMessage", "ChatMessage.User"),
        new("messages", R + "messages[](role=assistant)", "AssistantMessage", "ChatMessage.Assistant"),
        new("messages", R + "messages[](role=assistant).tool_calls", "AssistantMessage.ToolCalls", "ChatMessage.Assistant"),
        new("messages", R + "messages[](role=assistant).refusal", "AssistantMessage.Refusal", "ChatMessage.Assistant(ChatCompletionMessage)"),
        new("messages", R + "messages[](role=tool)", "ToolMessage", "ChatMessage.Tool"),
        new("messages", R + "messages[](role=tool).tool_call_id", "ToolMessage.ToolCallId", "ChatMessage.Tool"),
        new("messages", R + "messages[](role=tool).content", "ToolMessage.Content", "ChatMessage.Tool, FakeAimlServer", "string"),
        new("message-content", R + "messages[](role=system).content", "SystemMessage.Content, DeveloperMessage.Content (ChatMessageContent)", "ChatMessage.System, ChatMessage.Developer, FakeAimlServer"),
        new("message-content", R + "messages[](role=user).content", "UserMessage.Content (ChatMessageContent)", "ChatMessage.User, FakeAimlServer, gemini-chat"),
        new("message-content", R + "messages[](role=assistant).content", "AssistantMessage.Content (ChatMessageContent)", "ChatMessage.Assistant, FakeAimlServer"),
        new("content-parts", R + "messages[](role=user).content(array)[](type=text).text", "TextContentPart.Text", "ChatContentPart.Text, ChatMessageContent"),
        new("content-parts", R + "messages[](role=user).content(array)[](type=image_url).image_url.url", "ImageContentPart.ImageUrl, ImageUrl.Url", "ChatContentPart.Image"),
        new("content-parts", R + "messages[](role=user).content(array)[](type=image_url).image_url.detail", "ImageUrl.Detail (ImageDetail)", "ChatContentPart.Image"),
        new("content-parts", R + "messages[](role=assistant).content(array)[](type=refusal).refusal", "RefusalContentPart.Refusal", "ChatMessageContent"),
        new("content-parts", R + "messages[](role=user).content(array)[]", "ChatContentPart", "OtherContentPart (a part of a type the spec lacks keeps its fields)"),
        new("structured-output", R + "response_format(type=json_schema).json_schema.name", "JsonSchemaResponseFormat.JsonSchema, JsonSchemaDefinition.Name", "JsonSchemaResponseFormat.For<T>"),
        new("structured-output", R + "response_format(type=json_schema).json_schema.schema", "JsonSchemaDefinition.Schema", "JsonSchemaResponseFormat.For<T>"),
        new("structured-output", R + "response_format(type=json_schema).json_schema.description", "JsonSchemaDefinition.Description", "JsonSchemaResponseFormat.For<T>"),
        new("structured-output", R + "response_format(type=json_schema).json_schema.strict", "JsonSchemaDefinition.Strict", "JsonSchemaResponseFormat.For<T>"),
        new("token-limit", R + "max_completion_tokens", "ChatCompletionRequest.MaxCompletionTokens", "GeminiClient (the default limit), gemini-chat --max-tokens", "integer|number"),
        new("token-limit", R + "max_tokens", "ChatCompletionRequest.MaxTokens", "GeminiClient (the default limit), ChatCompletionRequest.TokenLimit", "integer|number"),
        new("model", R + "model", "ChatCompletionRequest.Model", "GeminiClient (the default model)", "string"),
        new("streaming", R + "stream", "ChatCompletionRequest.Stream", "GeminiClient.CompleteStreamingAsync", "boolean"),
        new("streaming", R + "stream_options.include_usage", "ChatCompletionRequest.StreamOptions, ChatStreamOptions.IncludeUsage", "GeminiClient.CompleteStreamingAsync, ChatStreamOptions.WithUsageByDefault", "boolean"),
        new("stop", R + "stop", "ChatCompletionRequest.Stop (StopSequences)", "RequestValidator (at most 4)"),
        new("tool-choice", R + "tool_choice", "ChatCompletionRequest.ToolChoice (ToolChoice)", "ToolChoice"),
        new("temperature", R + "temperature", "ChatCompletionRequest.Temperature", "gemini-chat --temperature, OpenTelemetryObserver", "number|integer"),
        new("telemetry", R + "top_p", "ChatCompletionRequest.TopP", "OpenTelemetryObserver (gen_ai.request.top_p)", "number|integer"),
        new("telemetry", R + "frequency_penalty", "ChatCompletionRequest.FrequencyPenalty", "OpenTelemetryObserver (gen_ai.request.frequency_penalty)", "number|integer"),
        new("telemetry", R + "presence_penalty", "ChatCompletionRequest.PresencePenalty", "OpenTelemetryObserver (gen_ai.request.presence_penalty)", "number|integer"),
        new("telemetry", R + "seed", "ChatCompletionRequest.Seed", "OpenTelemetryObserver (gen_ai.request.seed)", "integer|number"),
        new("telemetry", R + "n", "ChatCompletionRequest.N", "OpenTelemetryObserver (gen_ai.request.choice.count)", "integer|number"),
        new("telemetry", R + "response_format", "ChatCompletionRequest.ResponseFormat", "OpenTelemetryObserver (gen_ai.output.type)"),

        new("completion", C + "id", "ChatCompletion.Id", "ChatCompletionAccumulator.ToCompletion"),
        new("completion", C + "object", "ChatCompletion.Object", "ChatCompletionAccumulator.ToCompletion"),
        new("completion", C + "created", "ChatCompletion.Created", "ChatCompletionAccumulator.ToCompletion", "integer|number"),
        new("completion", C + "model", "ChatCompletion.Model", "ChatCompletionAccumulator.ToCompletion"),
        new("completion", C + "choices", "ChatCompletion.Choices", "ChatCompletion.FirstChoice, Text, FinishReason"),
        new("completion", C + "choices[].index", "ChatChoice.Index", "ChatCompletionAccumulator.ToCompletion"),
        new("completion", C + "choices[].logprobs.content", "ChatChoice.Logprobs, ChatLogprobs.Content", "ChatCompletionAccumulator.ToCompletion"),
        new("completion", C + "choices[].logprobs.refusal", "ChatLogprobs.Refusal", "ChatCompletionAccumulator.ToCompletion"),
        new("completion", C + "choices[].message.content", "ChatChoice.Message, ChatCompletionMessage.Content", "ChatCompletion.Text, ChatMessage.Assistant(ChatCompletionMessage)", "string"),
        new("completion", C + "choices[].message.refusal", "ChatCompletionMessage.Refusal", "ChatMessage.Assistant(ChatCompletionMessage)"),
        new("tool-calls", C + "choices[].message.tool_calls", "ChatCompletionMessage.ToolCalls", "ChatMessage.Assistant(ChatCompletionMessage), truncation (ThrowWhenEmpty)"),
        new("tool-calls", C + "choices[].message.tool_calls[](type=function).id", "ChatToolCall.Id", "ChatCompletionAccumulator, FakeAimlServer"),
        new("tool-calls", C + "choices[].message.tool_calls[](type=function).function.name", "ChatToolCall.Type, ChatToolCall.Function, FunctionCall.Name", "ChatCompletionAccumulator, FakeAimlServer"),
        new("tool-calls", C + "choices[].message.tool_calls[](type=function).function.arguments", "FunctionCall.Arguments", "ChatCompletionAccumulator, FakeAimlServer"),
        new("finish-reason", C + "choices[].finish_reason", "ChatChoice.FinishReason (FinishReason)", "ChatCompletion.FinishReason, IsTruncated, GeminiTruncationException"),
        new("finish-reason", S + "choices[].finish_reason", "ChatChunkChoice.FinishReason (FinishReason)", "ChatCompletionChunk.FinishReason, ChatCompletionAccumulator"),
        new("chat-role", C + "choices[].message.role", "ChatCompletionMessage.Role (ChatRole)", "ChatCompletionAccumulator.ToCompletion"),
        new("chat-role", S + "choices[].delta.role", "ChatMessageDelta.Role (ChatRole)", "ChatCompletionAccumulator"),
        new("usage", C + "usage.prompt_tokens", "ChatCompletion.Usage, CompletionUsage.PromptTokens", "ChatCompletion.PromptTokens, gemini-chat", "integer|number"),
        new("usage", C + "usage.completion_tokens", "CompletionUsage.CompletionTokens", "ChatCompletion.CompletionTokens, GeminiTruncationException", "integer|number"),
        new("usage", C + "usage.completion_tokens_details.reasoning_tokens", "CompletionUsage.CompletionTokensDetails, CompletionTokensDetails.ReasoningTokens", "ChatCompletion.ReasoningTokens, GeminiTruncationException", "integer|number"),
        new("cost", C + "meta.usage.credits_used", "ChatCompletion.Meta, ChatCompletionChunk.Meta, ChatCompletionMeta.Usage, BillingUsage.CreditsUsed", "ChatCompletion.CreditsUsed, ChatCompletionAccumulator (the chunk's meta)", "number|integer"),
        new("cost", C + "meta.usage.usd_spent", "BillingUsage.UsdSpent", "ChatCompletion.UsdSpent, gemini-chat", "number|integer"),

        new("chunk", S + "id", "ChatCompletionChunk.Id", "ChatCompletionAccumulator"),
        new("chunk", S + "model", "ChatCompletionChunk.Model", "ChatCompletionAccumulator"),
        new("chunk", S + "created", "ChatCompletionChunk.Created", "ChatCompletionAccumulator", "integer|number"),
        new("chunk", S + "service_tier", "ChatCompletionChunk.ServiceTier", "ChatCompletionAccumulator"),
        new("chunk", S + "usage", "ChatCompletionChunk.Usage", "ChatCompletionAccumulator"),
        new("chunk", S + "choices[].index", "ChatCompletionChunk.Choices, ChatChunkChoice.Index", "ChatCompletionAccumulator"),
        new("chunk", S + "choices[].logprobs", "ChatChunkChoice.Logprobs", "ChatCompletionAccumulator"),
        new("chunk", S + "choices[].delta.content", "ChatChunkChoice.Delta, ChatMessageDelta.Content", "ChatCompletionChunk.Text, ChatCompletionAccumulator", "string"),
        new("chunk", S + "choices[].delta.refusal", "ChatMessageDelta.Refusal", "ChatCompletionAccumulator"),
        new("chunk", S + "choices[].delta.tool_calls[].index", "ChatMessageDelta.ToolCalls, ChatToolCallDelta.Index", "ChatCompletionAccumulator", "integer|number"),
        new("chunk", S + "choices[].delta.tool_calls[].id", "ChatToolCallDelta.Id", "ChatCompletionAccumulator"),
        new("chunk", S + "choices[].delta.tool_calls[].type", "ChatToolCallDelta.Type", "ChatCompletionAccumulator"),
        new("chunk", S + "choices[].delta.tool_calls[].function.name", "ChatToolCallDelta.Function (FunctionCall)", "ChatCompletionAccumulator"),
        new("chunk", S + "choices[].delta.tool_calls[].function.arguments", "FunctionCall.Arguments", "ChatCompletionAccumulator"),
    };

    /// <summary>
    /// The contracts the spec breaks, one entry per contract and spec element: the outermost element that is gone (so a
    /// removed <c>meta</c> is one entry, not one per property below it), or an element of another type.
    /// </summary>
    public static IReadOnlyList<BrokenContract> Broken(SpecSurface surface)
    {
        var broken = new List<(Contract Contract, string Location, string Problem)>();
        foreach (var contract in Table)
        {
            var element = surface.Find(SpecPaths.OperationName, contract.Location);
            if (element is null)
            {
                var gone = contract.Location;
                for (var parent = SpecDiff.Parent(gone); parent is not null && surface.Find(SpecPaths.OperationName, parent) is null; parent = SpecDiff.Parent(parent))
                {
                    gone = parent;
                }

                broken.Add((contract, gone, "is not in the spec"));
            }
            else if (contract.Types is { } types && !types.Split('|').Any(t => element.Type == t || element.Type.StartsWith(t + " ", StringComparison.Ordinal)))
            {
                broken.Add((contract, contract.Location, $"is {element.Type}, not {types.Replace("|", " or ", StringComparison.Ordinal)}"));
            }
        }

        return broken
            .GroupBy(b => (b.Contract.Name, b.Location, b.Problem))
            .Select(g => new BrokenContract(g.Key.Name, Where(g.Key.Location), g.Key.Problem,
                string.Join(", ", g.Select(b => b.Contract.Generated).Distinct()),
                string.Join(", ", g.SelectMany(b => b.Contract.NeededBy.Split(", ")).Distinct())))
            .ToList();
    }

    /// <summary>Fails when the spec breaks a contract, listing every broken one with the code that needs it.</summary>
    public static void Check(NormalizationContext c)
    {
        var broken = Broken(c.Surface);
        if (broken.Count > 0)
        {
            throw new SpecToolException(SpecToolException.Codes.Normalization,
                $"The spec breaks what the hand-written code relies on: {string.Join(" ", broken)} " +
                "Update the hand-written code, then the contract in build/Gemini.SpecTool/Normalization/Contracts.cs.");
        }
    }

    public static string Where(string location) => location.Length == 0 ? SpecPaths.OperationName : $"{SpecPaths.OperationName} {location}";

}
