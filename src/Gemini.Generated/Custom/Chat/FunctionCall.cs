using System.Collections.Generic;

namespace Gemini.Generated;

// CUSTOM: the fields the spec does not list, without creating the dictionary when there are none (read for every streamed delta).
public partial class FunctionCall
{
    internal IDictionary<string, object>? ExtensionFields => _additionalProperties;
}
