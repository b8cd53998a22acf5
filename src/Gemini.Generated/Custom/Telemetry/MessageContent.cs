using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated;

/// <summary>
/// Messages as the OpenTelemetry GenAI conventions record them when capture is opted in: <c>gen_ai.input.messages</c> and
/// <c>gen_ai.output.messages</c>, JSON arrays of <c>{"role", "parts": [...]}</c> with text, tool_call, tool_call_response, uri
/// and blob parts. The key is redacted from the text.
/// </summary>
internal static class MessageContent
{
    public static string Input(IEnumerable<ChatMessage> messages, Redactor redactor) =>
        Write(redactor, writer =>
        {
            foreach (var message in messages)
            {
                WriteMessage(writer, message.Role.ToString(), null, message switch
                {
                    UserMessage user => Parts(user.Content),
                    SystemMessage system => Parts(system.Content),
                    DeveloperMessage developer => Parts(developer.Content),
                    AssistantMessage assistant => AssistantParts(assistant.Content, assistant.Refusal, assistant.ToolCalls),
                    ToolMessage tool => new[] { new JObject { ["type"] = "tool_call_response", ["id"] = tool.ToolCallId, ["response"] = tool.Content } },
                    _ => new JObject[0],
                });
            }
        });

    public static string Output(ChatCompletion completion, Redactor redactor) =>
        Write(redactor, writer =>
        {
            foreach (var choice in completion.Choices ?? new List<ChatChoice>())
            {
                var message = choice.Message;
                WriteMessage(writer, message?.Role?.ToString() ?? "assistant", choice.FinishReason?.Value ?? string.Empty,
                    AssistantParts(message?.Content, message?.Refusal, message?.ToolCalls));
            }
        });

    private static string Write(Redactor redactor, System.Action<JsonTextWriter> writeMessages)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(text))
        {
            writer.WriteStartArray();
            writeMessages(writer);
            writer.WriteEndArray();
        }

        return redactor.Redact(text.ToString())!;
    }

    private static void WriteMessage(JsonWriter writer, string role, string? finishReason, IEnumerable<JObject> parts)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("role");
        writer.WriteValue(role);
        writer.WritePropertyName("parts");
        writer.WriteStartArray();
        foreach (var part in parts)
        {
            part.WriteTo(writer);
        }

        writer.WriteEndArray();
        if (finishReason is not null)
        {
            writer.WritePropertyName("finish_reason");
            writer.WriteValue(finishReason);
        }

        writer.WriteEndObject();
    }

    private static IEnumerable<JObject> Parts(ChatMessageContent? content)
    {
        if (content?.Text is { } text)
        {
            yield return TextPart(text);
            yield break;
        }

        foreach (var part in content?.Parts ?? new ChatContentPart[0])
        {
            yield return part switch
            {
                TextContentPart t => TextPart(t.Text),
                RefusalContentPart r => new JObject { ["type"] = "refusal", ["content"] = r.Refusal },
                ImageContentPart i => ImagePart(i.ImageUrl?.Url),
                OtherContentPart other => new JObject { ["type"] = other.Type },
                _ => new JObject { ["type"] = part.GetType().Name },
            };
        }
    }

    private static IEnumerable<JObject> AssistantParts(object? content, string? refusal, IEnumerable<ChatToolCall>? toolCalls)
    {
        var parts = new List<JObject>();
        if (content is string text)
        {
            parts.Add(TextPart(text));
        }
        else if (content is ChatMessageContent message)
        {
            parts.AddRange(Parts(message));
        }

        if (refusal is not null)
        {
            parts.Add(new JObject { ["type"] = "refusal", ["content"] = refusal });
        }

        foreach (var call in toolCalls ?? new ChatToolCall[0])
        {
            parts.Add(new JObject
            {
                ["type"] = "tool_call",
                ["id"] = call.Id,
                ["name"] = call.Function?.Name,
                ["arguments"] = Arguments(call.Function?.Arguments),
            });
        }

        return parts;
    }

    private static JObject TextPart(string? text) => new() { ["type"] = "text", ["content"] = text };

    /// <summary>A URL as a uri part; a data URL as a blob part with its media type and base64 content.</summary>
    private static JObject ImagePart(string? url)
    {
        const string Base64 = ";base64,";
        var marker = url is not null && url.StartsWith("data:", System.StringComparison.OrdinalIgnoreCase) ? url.IndexOf(Base64, System.StringComparison.OrdinalIgnoreCase) : -1;
        return marker < 0
            ? new JObject { ["type"] = "uri", ["modality"] = "image", ["uri"] = url }
            : new JObject { ["type"] = "blob", ["modality"] = "image", ["mime_type"] = url!.Substring(5, marker - 5), ["content"] = url.Substring(marker + Base64.Length) };
    }

    /// <summary>The arguments as JSON when they are JSON (as the model should send them), else as the text sent.</summary>
    private static JToken? Arguments(string? arguments)
    {
        if (arguments is null)
        {
            return null;
        }

        try
        {
            using var reader = new JsonTextReader(new StringReader(arguments)) { DateParseHandling = DateParseHandling.None };
            var json = JToken.ReadFrom(reader);
            return reader.Read() ? arguments : json;
        }
        catch (JsonReaderException)
        {
            return arguments;
        }
    }
}
