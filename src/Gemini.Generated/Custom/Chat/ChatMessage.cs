using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated;

// CUSTOM: builders for each role, and the role as a property (the generated hierarchy carries it only in the discriminator).
public abstract partial class ChatMessage
{
    /// <summary>The author's role, as sent in <c>role</c>.</summary>
    [JsonIgnore]
    public abstract ChatRole Role { get; }

    /// <summary>Instructions from the system.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static SystemMessage System(string text) => new() { Content = Require(text, nameof(text)) };

    /// <summary>Instructions from the developer; newer models take these in place of system messages.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static DeveloperMessage Developer(string text) => new() { Content = Require(text, nameof(text)) };

    /// <summary>A user message with text.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static UserMessage User(string text) => new() { Content = Require(text, nameof(text)) };

    /// <summary>A user message with parts: text and images (<see cref="ChatContentPart.Text"/>, <see cref="ChatContentPart.Image(Uri, ImageDetail?)"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="parts"/> or one of its items is null.</exception>
    public static UserMessage User(params ChatContentPart[] parts) => new() { Content = new ChatMessageContent(parts) };

    /// <summary>An earlier answer of the model, as text.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static AssistantMessage Assistant(string text) => new() { Content = Require(text, nameof(text)) };

    /// <summary>An earlier answer of the model that called tools.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="toolCalls"/> is null.</exception>
    public static AssistantMessage Assistant(IEnumerable<ChatToolCall> toolCalls) =>
        new() { ToolCalls = (toolCalls ?? throw new ArgumentNullException(nameof(toolCalls))).ToList() };

    /// <summary>
    /// An earlier answer of the model, taken from a completion, to continue the conversation: everything the message carried
    /// goes back as it came, its text or parts, refusal and tool calls, and the fields the SDK does not type, such as the
    /// reasoning (<c>reasoning_content</c>, <c>reasoning_details</c>) and each tool call's thought signature
    /// (<c>extra_content</c>), which Gemini needs back on the next turn of a function-calling conversation. The message is
    /// copied: changing one afterwards does not change the other.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is null.</exception>
    public static AssistantMessage Assistant(ChatCompletionMessage message)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        // Through JSON, so that every field the message carried, typed or not, lands where the request keeps it.
        var json = JObject.FromObject(message, GeminiJson.Serializer);
        json.Remove("role");
        var assistant = new AssistantMessage();
        using (var reader = json.CreateReader())
        {
            GeminiJson.Serializer.Populate(reader, assistant);
        }

        return assistant;
    }

    /// <summary>The result of a tool call, answering the call with id <paramref name="toolCallId"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="toolCallId"/> is null or empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="content"/> is null.</exception>
    public static ToolMessage Tool(string toolCallId, string content)
    {
        if (string.IsNullOrEmpty(toolCallId))
        {
            throw new ArgumentException("The id of the tool call this message answers is required (tool_call_id).", nameof(toolCallId));
        }

        return new ToolMessage { ToolCallId = toolCallId, Content = Require(content, nameof(content)) };
    }

    private static string Require(string value, string name) => value ?? throw new ArgumentNullException(name);
}

/// <summary>Instructions from the system.</summary>
public partial class SystemMessage
{
    /// <inheritdoc />
    public override ChatRole Role => ChatRole.System;
}

public partial class DeveloperMessage
{
    /// <inheritdoc />
    public override ChatRole Role => ChatRole.Developer;
}

/// <summary>A message from the user: text, or parts with text and images.</summary>
public partial class UserMessage
{
    /// <inheritdoc />
    public override ChatRole Role => ChatRole.User;
}

/// <summary>An earlier answer of the model, with text or tool calls.</summary>
public partial class AssistantMessage
{
    /// <inheritdoc />
    public override ChatRole Role => ChatRole.Assistant;
}

/// <summary>The result of a tool call.</summary>
public partial class ToolMessage
{
    /// <inheritdoc />
    public override ChatRole Role => ChatRole.Tool;
}
