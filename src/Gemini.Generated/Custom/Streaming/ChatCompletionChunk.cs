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

    /// <summary>The first choice's finish reason, on the chunk that ends it.</summary>
    [JsonIgnore]
    public FinishReason? FinishReason => Choices?.FirstOrDefault()?.FinishReason;
}
