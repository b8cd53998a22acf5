using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;

namespace Gemini.Generated;

// CUSTOM: the first choice's text and finish reason on the generated chunk.
/// <summary>One event of a streamed completion.</summary>
public partial class ChatCompletionChunk
{
    /// <summary>The text this chunk adds to the first choice; empty when it adds none.</summary>
    [JsonIgnore]
    public string Text => Choices?.FirstOrDefault()?.Delta?.Content ?? string.Empty;

    /// <summary>The reasoning this chunk adds to the first choice, when the service streams it as text (see <see cref="ChatCompletionMessage.ReasoningText"/>); otherwise null.</summary>
    [JsonIgnore]
    public string? ReasoningText => Choices?.FirstOrDefault()?.Delta?.ReasoningText;

    internal IDictionary<string, object>? ExtensionFields => _additionalProperties;

    /// <summary>
    /// The one chunk that carries a whole completion (a stream answered with a JSON completion): each choice's message becomes its
    /// delta; everything else is kept.
    /// </summary>
    internal static ChatCompletionChunk From(ChatCompletion completion)
    {
        var json = Newtonsoft.Json.Linq.JObject.FromObject(completion, GeminiJson.Serializer);
        json["object"] = "chat.completion.chunk";
        foreach (var choice in (json["choices"] as Newtonsoft.Json.Linq.JArray)?.Children<Newtonsoft.Json.Linq.JObject>() ?? Enumerable.Empty<Newtonsoft.Json.Linq.JObject>())
        {
            if (choice.Property("message") is { } message)
            {
                message.Remove();
                choice["delta"] = message.Value;
            }
        }

        return json.ToObject<ChatCompletionChunk>(GeminiJson.Serializer)!;
    }

    /// <summary>The first choice's finish reason, on the chunk that ends it.</summary>
    [JsonIgnore]
    public FinishReason? FinishReason => Choices?.FirstOrDefault()?.FinishReason;
}
