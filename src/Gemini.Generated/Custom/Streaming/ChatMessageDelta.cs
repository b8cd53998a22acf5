using System.Collections.Generic;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated;

// CUSTOM: content given as a list of parts (read by GeminiContractResolver), and typed access to the reasoning text and Gemini's
// thought marker, which services send in fields the spec does not list.
public partial class ChatMessageDelta
{
    /// <summary>The parts this delta adds, when the service sent its content as a list; null when it sent a string. <see cref="Content"/> then holds the text parts joined.</summary>
    [JsonIgnore]
    public IReadOnlyList<ChatContentPart>? ContentParts { get; internal set; }

    /// <summary>The piece of reasoning this delta adds, when the service streams it as text (see <see cref="ChatCompletionMessage.ReasoningText"/>); otherwise null.</summary>
    [JsonIgnore]
    public string? ReasoningText => ChatCompletionMessage.ReasoningOf(_additionalProperties, ContentParts);

    /// <summary>
    /// True when Gemini marked this delta's content as a thought summary rather than the answer
    /// (<c>extra_content.google.thought</c>, sent when the request asks to include thoughts).
    /// </summary>
    [JsonIgnore]
    public bool IsThought => ExtensionData.Google(_additionalProperties, "thought") is JValue { Type: JTokenType.Boolean } thought && (bool)thought;

    internal IDictionary<string, object>? ExtensionFields => _additionalProperties;
}
