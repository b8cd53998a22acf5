using System;
using System.Collections.Generic;
using System.Linq;

namespace Gemini.Generated;

// CUSTOM: constructors from messages, and the copy the client sends so that the caller's object is never changed.
/// <summary>A chat completion request. Only <see cref="Messages"/> is required; the client fills in the model and a token limit.</summary>
public partial class ChatCompletionRequest
{
    /// <summary>An empty request; add <see cref="Messages"/>.</summary>
    public ChatCompletionRequest()
    {
    }

    /// <summary>A request with these messages.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="messages"/> is null.</exception>
    public ChatCompletionRequest(IEnumerable<ChatMessage> messages)
    {
        Messages = (messages ?? throw new ArgumentNullException(nameof(messages))).ToList();
    }

    /// <summary>A request with these messages.</summary>
    public ChatCompletionRequest(params ChatMessage[] messages)
        : this((IEnumerable<ChatMessage>)messages)
    {
    }

    /// <summary>The limit this request carries: <see cref="MaxCompletionTokens"/>, else <see cref="MaxTokens"/>.</summary>
    internal int? TokenLimit => MaxCompletionTokens ?? MaxTokens;

    /// <summary>
    /// A copy for sending: top-level settings can be filled in without touching the caller's object. Nested objects are shared;
    /// the client never changes them.
    /// </summary>
    internal ChatCompletionRequest CopyForSending()
    {
        var copy = (ChatCompletionRequest)MemberwiseClone();
        copy.Messages = Messages?.ToList()!;
        // The generated backing field, so that copying does not create an empty dictionary on the caller's object.
        copy._additionalProperties = _additionalProperties is null ? null : new Dictionary<string, object>(_additionalProperties);
        return copy;
    }
}
