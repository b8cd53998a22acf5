using System.Collections.Generic;
using Newtonsoft.Json;

namespace Gemini.Generated;

// CUSTOM: typed access to Gemini's thought signature (see ChatToolCall.ThoughtSignature).
/// <summary>A piece of a tool call in a streamed delta; the pieces with the same index make one call (<see cref="ChatCompletionAccumulator"/> merges them).</summary>
public partial class ChatToolCallDelta
{
    /// <summary>The thought signature this delta carries (<c>extra_content.google.thought_signature</c>; see <see cref="ChatToolCall.ThoughtSignature"/>), or null.</summary>
    [JsonIgnore]
    public string? ThoughtSignature => ExtensionData.AsString(ExtensionData.Google(_additionalProperties, "thought_signature"));

    internal IDictionary<string, object>? ExtensionFields => _additionalProperties;
}
