using System.Collections.Generic;
using Newtonsoft.Json;

namespace Gemini.Generated;

// CUSTOM: typed access to Gemini's thought signature, which Google's OpenAI-compatible API puts in a field the spec does not list.
public partial class ChatToolCall
{
    /// <summary>
    /// The thought signature Gemini attached to this call (<c>extra_content.google.thought_signature</c>): an opaque token that
    /// a function-calling conversation with a thinking model must send back unchanged on the next turn.
    /// <see cref="ChatMessage.Assistant(ChatCompletionMessage)"/> sends it back. Null when the call has none.
    /// </summary>
    [JsonIgnore]
    public string? ThoughtSignature => ExtensionData.AsString(ExtensionData.Google(_additionalProperties, "thought_signature"));

    internal IDictionary<string, object>? ExtensionFields => _additionalProperties;
}
