using System.Collections.Generic;

namespace Gemini.Generated;

// CUSTOM: the fields the spec does not list, without creating the dictionary when there are none (read for every chunk).
/// <summary>A choice in a streamed chunk: what its delta adds, and the finish reason on the chunk that ends it.</summary>
public partial class ChatChunkChoice
{
    internal IDictionary<string, object>? ExtensionFields => _additionalProperties;
}
