using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Microsoft.Extensions.AI;
using MEAI = Microsoft.Extensions.AI;

namespace Gemini.Generated.Extensions.AI;

/// <summary>A completion, or the chunks of a stream, as Microsoft.Extensions.AI responses; nothing the SDK received is dropped (the raw objects ride along).</summary>
internal static class ResponseMapping
{
    public static ChatResponse ToResponse(ChatCompletion completion)
    {
        var createdAt = CreatedAt(completion.Created);
        var message = ToMessage(completion.FirstChoice?.Message, completion.Id, createdAt);
        return new ChatResponse(message)
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = createdAt,
            FinishReason = ToFinishReason(completion.FinishReason),
            Usage = ToUsage(completion.Usage),
            AdditionalProperties = Properties(completion),
            RawRepresentation = completion,
        };
    }

    public static ChatResponseUpdate ToUpdate(ChatCompletionChunk chunk, StreamHead head)
    {
        head.ResponseId ??= NonEmpty(chunk.Id);
        head.ModelId ??= NonEmpty(chunk.Model);
        head.CreatedAt ??= CreatedAt(chunk.Created);
        var update = head.NewUpdate();
        update.FinishReason = ToFinishReason(chunk.FinishReason);
        update.RawRepresentation = chunk;
        if (chunk.Choices?.FirstOrDefault(c => (c.Index ?? 0) == 0)?.Delta?.Content is { Length: > 0 } text)
        {
            update.Contents.Add(new TextContent(text));
        }

        return update;
    }

    /// <summary>
    /// The updates the whole completion adds: the refusal on the message (an update with the message id), then tool calls, usage,
    /// cost and tracing ids (an update without one, so that ToChatResponse puts its properties on the response).
    /// </summary>
    public static IEnumerable<ChatResponseUpdate> ToFinalUpdates(ChatCompletion completion, StreamHead head)
    {
        head.ResponseId ??= NonEmpty(completion.Id);
        var message = completion.FirstChoice?.Message;
        if (message?.Refusal is { Length: > 0 } refusal)
        {
            var refused = head.NewUpdate();
            refused.AdditionalProperties = new AdditionalPropertiesDictionary { [GeminiPropertyNames.Refusal] = refusal };
            yield return refused;
        }

        var update = head.NewUpdate();
        update.MessageId = null;
        update.FinishReason = ToFinishReason(completion.FinishReason);
        update.AdditionalProperties = Properties(completion);
        update.RawRepresentation = completion;
        AddToolCalls(update.Contents, message);
        if (ToUsage(completion.Usage) is { } usage)
        {
            update.Contents.Add(new UsageContent(usage));
        }

        yield return update;
    }

    public static ChatFinishReason? ToFinishReason(FinishReason? reason) =>
        reason is not { } value ? null
        : value.IsTokenLimit ? ChatFinishReason.Length
        : value == FinishReason.Stop ? ChatFinishReason.Stop
        : value == FinishReason.ContentFilter ? ChatFinishReason.ContentFilter
        : value == FinishReason.ToolCalls || value == FinishReason.FunctionCall ? ChatFinishReason.ToolCalls
        : value.Value.Length == 0 ? null
        : new ChatFinishReason(value.Value);

    public static UsageDetails? ToUsage(CompletionUsage? usage)
    {
        if (usage is null)
        {
            return null;
        }

        var reasoning = usage.CompletionTokensDetails?.ReasoningTokens;
        return new UsageDetails
        {
            InputTokenCount = usage.PromptTokens,
            OutputTokenCount = usage.CompletionTokens,
            TotalTokenCount = usage.TotalTokens ?? (usage.PromptTokens + usage.CompletionTokens),
            ReasoningTokenCount = reasoning,
            CachedInputTokenCount = usage.PromptTokensDetails?.CachedTokens,
            AdditionalCounts = reasoning is { } count ? new AdditionalPropertiesDictionary<long> { [GeminiPropertyNames.ReasoningTokenCount] = count } : null,
        };
    }

    private static MEAI.ChatMessage ToMessage(ChatCompletionMessage? source, string? id, DateTimeOffset? createdAt)
    {
        var message = new MEAI.ChatMessage
        {
            Role = source?.Role is { } role && role.Value.Length > 0 ? new MEAI.ChatRole(role.Value) : MEAI.ChatRole.Assistant,
            MessageId = id,
            CreatedAt = createdAt,
            RawRepresentation = source,
        };
        if (source?.Content is { Length: > 0 } text)
        {
            message.Contents.Add(new TextContent(text));
        }

        AddToolCalls(message.Contents, source);
        if (source?.Refusal is { Length: > 0 } refusal)
        {
            (message.AdditionalProperties ??= new AdditionalPropertiesDictionary())[GeminiPropertyNames.Refusal] = refusal;
        }

        return message;
    }

    /// <summary>Function calls with their arguments parsed; the <see cref="ChatToolCall"/> is the raw representation, so that it goes back unchanged.</summary>
    private static void AddToolCalls(IList<AIContent> contents, ChatCompletionMessage? message)
    {
        foreach (var call in message?.ToolCalls ?? Enumerable.Empty<ChatToolCall>())
        {
            if (call.Function is not { Name.Length: > 0 } function)
            {
                continue;
            }

            var content = FunctionCallContent.CreateFromParsedArguments(
                string.IsNullOrWhiteSpace(function.Arguments) ? "{}" : function.Arguments!,
                call.Id ?? string.Empty,
                function.Name!,
                static json => JsonSerializer.Deserialize<Dictionary<string, object?>>(json, AIJsonUtilities.DefaultOptions));
            content.RawRepresentation = call;
            contents.Add(content);
        }
    }

    private static AdditionalPropertiesDictionary? Properties(ChatCompletion completion)
    {
        var properties = new AdditionalPropertiesDictionary();
        Add(properties, GeminiPropertyNames.UsdSpent, completion.UsdSpent);
        Add(properties, GeminiPropertyNames.CreditsUsed, completion.CreditsUsed);
        Add(properties, GeminiPropertyNames.InferenceId, completion.InferenceId);
        Add(properties, GeminiPropertyNames.ClientRequestId, completion.ClientRequestId);
        return properties.Count == 0 ? null : properties;
    }

    private static void Add(AdditionalPropertiesDictionary properties, string key, object? value)
    {
        if (value is not null)
        {
            properties[key] = value;
        }
    }

    private static DateTimeOffset? CreatedAt(long? unixSeconds) =>
        unixSeconds is { } seconds && seconds > 0 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>What every update of one stream repeats: the first non-empty id, model and time (an Azure-style first chunk has empty ones).</summary>
    internal sealed class StreamHead
    {
        public string? ResponseId { get; set; }

        public string? ModelId { get; set; }

        public DateTimeOffset? CreatedAt { get; set; }

        public ChatResponseUpdate NewUpdate() => new()
        {
            ResponseId = ResponseId,
            MessageId = ResponseId,
            ModelId = ModelId,
            CreatedAt = CreatedAt,
            Role = MEAI.ChatRole.Assistant,
        };
    }
}
