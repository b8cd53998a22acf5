using System.Collections.Generic;

namespace Gemini.Generated;

/// <summary>Stream settings. <see cref="IncludeUsage"/> left unset is sent as true, so a stream always ends with usage and cost.</summary>
public partial class ChatStreamOptions
{
    /// <summary>A copy with include_usage true unless the caller set it; the caller's object is not changed.</summary>
    internal ChatStreamOptions WithUsageByDefault() => new()
    {
        IncludeUsage = IncludeUsage ?? true,
        // The generated backing field, so that copying does not create an empty dictionary on the caller's object.
        _additionalProperties = _additionalProperties is null ? null : new Dictionary<string, object>(_additionalProperties),
    };
}
