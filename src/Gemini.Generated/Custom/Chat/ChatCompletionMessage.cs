using System.Collections.Generic;
using Newtonsoft.Json;

namespace Gemini.Generated;

// CUSTOM: content given as a list of parts (read by GeminiContractResolver), and typed access to the reasoning text that some
// services send in fields the spec does not list.
public partial class ChatCompletionMessage
{
    /// <summary>
    /// The content's parts, when the service sent the content as a list (for example a <c>thinking</c> part and a <c>text</c>
    /// part); null when it sent a string. <see cref="Content"/> then holds the text parts joined.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<ChatContentPart>? ContentParts { get; internal set; }

    /// <summary>
    /// The model's reasoning, when the service sends it as text: <c>reasoning_content</c> (the field LiteLLM, DeepSeek-style and
    /// other gateways use), else <c>reasoning</c> (OpenRouter), else the text of <c>thinking</c> content parts. Null when it sends
    /// none, which is usual on the AI/ML API: there the reasoning shows only as a count, in usage's reasoning tokens.
    /// </summary>
    [JsonIgnore]
    public string? ReasoningText => ReasoningOf(_additionalProperties, ContentParts);

    internal IDictionary<string, object>? ExtensionFields => _additionalProperties;

    internal static string? ReasoningOf(IDictionary<string, object>? fields, IReadOnlyList<ChatContentPart>? parts) =>
        ExtensionData.String(fields, "reasoning_content") ?? ExtensionData.String(fields, "reasoning") ?? PartsContent.ThinkingOf(parts);
}
