using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using MEAI = Microsoft.Extensions.AI;

namespace Gemini.Generated.Extensions.AI;

/// <summary>
/// Microsoft.Extensions.AI messages and options as a <see cref="ChatCompletionRequest"/>. What the endpoint cannot take (a PDF, a
/// hosted tool, an unknown role) is refused with an <see cref="ArgumentException"/> naming it, before anything is sent; what the
/// model itself produced and cannot be sent back (reasoning, usage) is left out.
/// </summary>
internal static class RequestMapping
{
    private const string Developer = "developer";

    /// <summary>Microsoft.Extensions.AI's serializer options, without the indentation: results and arguments are sent compact.</summary>
    private static readonly JsonSerializerOptions Compact = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    /// <summary>The request fields the SDK models; an extra field of the same name would be sent twice.</summary>
    private static readonly HashSet<string> RequestFields = new(
        typeof(ChatCompletionRequest).GetProperties()
            .Select(p => p.GetCustomAttribute<Newtonsoft.Json.JsonPropertyAttribute>()?.PropertyName)
            .Where(name => name is not null)!,
        StringComparer.Ordinal);

    public static ChatCompletionRequest ToRequest(IEnumerable<MEAI.ChatMessage> messages, ChatOptions? options, IChatClient client, string? defaultModelId)
    {
        if (messages is null)
        {
            throw new ArgumentNullException(nameof(messages));
        }

        // RawRepresentationFactory may start the request: a ChatCompletionRequest with settings ChatOptions has no word for (provider, prediction).
        var request = options?.RawRepresentationFactory?.Invoke(client) as ChatCompletionRequest ?? new ChatCompletionRequest();
        request.Messages ??= new List<ChatMessage>();
        if (options?.Instructions is { Length: > 0 } instructions)
        {
            request.Messages.Add(ChatMessage.System(instructions));
        }

        var index = 0;
        foreach (var message in messages)
        {
            AddMessage(request.Messages, message ?? throw new ArgumentException($"messages[{index}] is null.", nameof(messages)), index);
            index++;
        }

        request.Model = options?.ModelId ?? request.Model ?? defaultModelId;
        if (options is not null)
        {
            ApplyOptions(request, options);
        }

        return request;
    }

    public static ChatTool ToChatTool(AIFunctionDeclaration function) => new()
    {
        Function = new FunctionDefinition
        {
            Name = function.Name,
            Description = string.IsNullOrEmpty(function.Description) ? null : function.Description,
            Parameters = ToDictionary(function.JsonSchema, $"the JSON schema of function \"{function.Name}\""),
            Strict = function.AdditionalProperties.TryGetValue("Strict", out var strict) && strict is bool value ? value : null,
        },
    };

    /// <summary>A function's result as the text of a tool message: a string as is, anything else as JSON.</summary>
    public static string ToolResultText(object? result) => result switch
    {
        null => string.Empty,
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? string.Empty,
        _ => JsonSerializer.Serialize(result, Compact.GetTypeInfo(typeof(object))),
    };

    private static void ApplyOptions(ChatCompletionRequest request, ChatOptions options)
    {
        request.MaxCompletionTokens = options.MaxOutputTokens ?? request.MaxCompletionTokens;
        request.Temperature = options.Temperature ?? request.Temperature;
        request.TopP = options.TopP ?? request.TopP;
        request.FrequencyPenalty = options.FrequencyPenalty ?? request.FrequencyPenalty;
        request.PresencePenalty = options.PresencePenalty ?? request.PresencePenalty;
        request.ParallelToolCalls = options.AllowMultipleToolCalls ?? request.ParallelToolCalls;
        if (options.Seed is { } seed)
        {
            request.Seed = seed is >= int.MinValue and <= int.MaxValue
                ? (int)seed
                : throw new ArgumentOutOfRangeException("seed", seed, $"ChatOptions.Seed is {seed}; allowed: 1 to {int.MaxValue}.");
        }

        if (options.StopSequences is { Count: > 0 } stop)
        {
            request.Stop = new StopSequences(stop);
        }

        if (options.Tools is { Count: > 0 } tools)
        {
            request.Tools ??= new List<ChatTool>();
            for (var i = 0; i < tools.Count; i++)
            {
                request.Tools.Add(tools[i] is AIFunctionDeclaration function
                    ? ToChatTool(function)
                    : throw new ArgumentException(
                        $"ChatOptions.Tools[{i}] is a {tools[i]?.GetType().Name ?? "null"}; this endpoint takes functions only (AIFunction, AIFunctionDeclaration).", "tools"));
            }
        }

        request.ToolChoice = options.ToolMode switch
        {
            null => request.ToolChoice,
            NoneChatToolMode => ToolChoice.None,
            AutoChatToolMode => ToolChoice.Auto,
            RequiredChatToolMode { RequiredFunctionName: { } name } => ToolChoice.Function(name),
            RequiredChatToolMode => ToolChoice.Required,
            _ => throw new ArgumentException($"ChatOptions.ToolMode {options.ToolMode} is not one this endpoint knows: none, auto, required.", "tool_choice"),
        };

        request.ResponseFormat = options.ResponseFormat switch
        {
            null => request.ResponseFormat,
            ChatResponseFormatText => new TextResponseFormat(),
            ChatResponseFormatJson { Schema: { } schema } json => new JsonSchemaResponseFormat
            {
                JsonSchema = new JsonSchemaDefinition
                {
                    Name = json.SchemaName ?? "response",
                    Description = json.SchemaDescription,
                    Schema = ToDictionary(schema, "ChatOptions.ResponseFormat's schema"),
                },
            },
            ChatResponseFormatJson => new JsonObjectResponseFormat(),
            _ => throw new ArgumentException($"ChatOptions.ResponseFormat {options.ResponseFormat.GetType().Name} is not one this endpoint knows: text, JSON, JSON with a schema.", "response_format"),
        };

        foreach (var extra in options.AdditionalProperties ?? new AdditionalPropertiesDictionary())
        {
            if (RequestFields.Contains(extra.Key))
            {
                throw new ArgumentException(
                    $"ChatOptions.AdditionalProperties[\"{extra.Key}\"] names a field the request already has; set it through ChatOptions, or start the request " +
                    "with ChatOptions.RawRepresentationFactory returning a ChatCompletionRequest.", extra.Key);
            }

            request.AdditionalProperties[extra.Key] = extra.Value!;
        }
    }

    private static void AddMessage(IList<ChatMessage> target, MEAI.ChatMessage message, int index)
    {
        var role = message.Role;
        if (role == MEAI.ChatRole.User)
        {
            target.Add(new UserMessage { Content = UserContent(message, index), Name = message.AuthorName });
        }
        else if (role == MEAI.ChatRole.Assistant)
        {
            target.Add(Assistant(message));
        }
        else if (role == MEAI.ChatRole.Tool)
        {
            AddToolResults(target, message, index);
        }
        else if (role == MEAI.ChatRole.System)
        {
            target.Add(new SystemMessage { Content = TextOnly(message, index), Name = message.AuthorName });
        }
        else if (string.Equals(role.Value, Developer, StringComparison.OrdinalIgnoreCase))
        {
            target.Add(new DeveloperMessage { Content = TextOnly(message, index), Name = message.AuthorName });
        }
        else
        {
            throw new ArgumentException($"messages[{index}] has role \"{role}\"; allowed: system, developer, user, assistant, tool.", "messages");
        }
    }

    private static ChatMessageContent UserContent(MEAI.ChatMessage message, int index)
    {
        if (message.Contents.Count == 1 && message.Contents[0] is TextContent only)
        {
            return new ChatMessageContent(only.Text ?? string.Empty);
        }

        var parts = new List<ChatContentPart>();
        foreach (var content in message.Contents)
        {
            parts.Add(content switch
            {
                TextContent text => ChatContentPart.Text(text.Text ?? string.Empty),
                DataContent data when data.HasTopLevelMediaType("image") => new ImageContentPart { ImageUrl = new ImageUrl { Url = data.Uri, Detail = Detail(data) } },
                UriContent uri when uri.HasTopLevelMediaType("image") => ChatContentPart.Image(uri.Uri, Detail(uri)),
                _ => throw Unsupported(content, index),
            });
        }

        return new ChatMessageContent(parts);
    }

    private static ChatMessageContent TextOnly(MEAI.ChatMessage message, int index)
    {
        var text = new StringBuilder();
        foreach (var content in message.Contents)
        {
            text.Append(content is TextContent part ? part.Text : throw Unsupported(content, index));
        }

        return new ChatMessageContent(text.ToString());
    }

    private static AssistantMessage Assistant(MEAI.ChatMessage message)
    {
        var text = new StringBuilder();
        List<ChatToolCall>? calls = null;
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent part:
                    text.Append(part.Text);
                    break;
                case FunctionCallContent call:
                    (calls ??= new List<ChatToolCall>()).Add(ToToolCall(call));
                    break;

                // Reasoning, usage and other content the model produced cannot be sent back to this endpoint.
            }
        }

        return new AssistantMessage
        {
            Content = text.Length > 0 || calls is null ? text.ToString() : null,
            ToolCalls = calls,
            Name = message.AuthorName,
            Refusal = message.AdditionalProperties?.TryGetValue(GeminiPropertyNames.Refusal, out var refusal) == true ? refusal as string : null,
        };
    }

    /// <summary>The call as the service sent it when it came from this client (so that fields the SDK does not model go back too); else built from its parts.</summary>
    private static ChatToolCall ToToolCall(FunctionCallContent call) =>
        call.RawRepresentation is ChatToolCall raw && raw.Id == call.CallId && raw.Function?.Name == call.Name
            ? raw
            : new ChatToolCall
            {
                Id = call.CallId,
                Type = "function",
                Function = new FunctionCall
                {
                    Name = call.Name,
                    Arguments = call.Arguments is null ? "{}" : JsonSerializer.Serialize(call.Arguments, Compact.GetTypeInfo(typeof(IDictionary<string, object?>))),
                },
            };

    private static void AddToolResults(IList<ChatMessage> target, MEAI.ChatMessage message, int index)
    {
        foreach (var content in message.Contents)
        {
            target.Add(content is FunctionResultContent result
                ? ChatMessage.Tool(result.CallId, ToolResultText(result.Result))
                : throw new ArgumentException(
                    $"messages[{index}] is a tool message with {content.GetType().Name}; a tool message carries FunctionResultContent (the call id and the result).", "messages"));
        }
    }

    private static ImageDetail? Detail(AIContent content) =>
        content.AdditionalProperties?.TryGetValue("detail", out var value) == true && value?.ToString() is { } detail
            ? detail.ToLowerInvariant() switch { "low" => ImageDetail.Low, "high" => ImageDetail.High, "auto" => ImageDetail.Auto, _ => null }
            : null;

    private static ArgumentException Unsupported(AIContent content, int index) =>
        new(content switch
        {
            DataContent data => $"messages[{index}] has a DataContent of media type {data.MediaType}; this endpoint takes text and images (image/*).",
            UriContent uri => $"messages[{index}] has a UriContent of media type {uri.MediaType}; this endpoint takes text and images (image/*).",
            _ => $"messages[{index}] has a {content.GetType().Name}; a {"message of that role"} takes text" + (content is FunctionCallContent ? " (function calls go in assistant messages)." : "."),
        }, "messages");

    /// <summary>A JSON schema as the request's dictionary; the values stay <see cref="JsonElement"/>s, which the SDK writes as the JSON they hold.</summary>
    private static IDictionary<string, object?> ToDictionary(JsonElement schema, string what) =>
        schema.ValueKind == JsonValueKind.Object
            ? schema.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone(), StringComparer.Ordinal)
            : throw new ArgumentException($"{what} is a JSON {schema.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture)}; a JSON schema is an object.", "schema");
}
