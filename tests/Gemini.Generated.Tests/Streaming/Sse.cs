using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated.Tests.Streaming;

/// <summary>Builds server-sent-event bodies the way the service streams a completion.</summary>
internal static class Sse
{
    /// <summary>The event that ends a stream.</summary>
    public const string Done = "data: [DONE]\n\n";

    /// <summary>One event carrying <paramref name="json"/> as its data.</summary>
    public static string Data(string json) => "data: " + json + "\n\n";

    /// <summary>The JSON of a chunk for one choice: a content delta and, when given, a finish reason.</summary>
    public static string Chunk(string? content, string? finishReason = null, int index = 0)
    {
        var delta = new JObject();
        if (content is not null)
        {
            delta["content"] = content;
        }

        return new JObject
        {
            ["id"] = "chatcmpl-test",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1767225600,
            ["model"] = GeminiModels.Gemini25Flash,
            ["choices"] = new JArray(new JObject
            {
                ["index"] = index,
                ["delta"] = delta,
                ["finish_reason"] = finishReason is null ? JValue.CreateNull() : finishReason,
            }),
        }.ToString(Formatting.None);
    }

    /// <summary>A content event.</summary>
    public static string Content(string content) => Data(Chunk(content));

    /// <summary>The event that finishes the first choice.</summary>
    public static string Finish(string finishReason = "stop") => Data(Chunk(null, finishReason));

    /// <summary>A whole stream: one content event per piece, a "stop" event and <c>[DONE]</c>.</summary>
    public static string Answer(params string[] pieces) => string.Concat(pieces.Select(Content)) + Finish() + Done;
}
