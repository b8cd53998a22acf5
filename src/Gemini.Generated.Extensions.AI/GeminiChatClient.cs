using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using MEAI = Microsoft.Extensions.AI;

namespace Gemini.Generated.Extensions.AI;

/// <summary>
/// <see cref="IChatClient"/> over <see cref="GeminiClient"/>: messages and options become a <see cref="ChatCompletionRequest"/>
/// (<see cref="RequestMapping"/>), the client sends it with all its guarantees, and the completion or the chunks become a
/// response or updates (<see cref="ResponseMapping"/>).
/// </summary>
internal sealed class GeminiChatClient : IChatClient
{
    private readonly GeminiClient _client;
    private readonly string? _defaultModelId;
    private readonly ChatClientMetadata _metadata;

    public GeminiChatClient(GeminiClient client, string? defaultModelId)
    {
        _client = client;
        _defaultModelId = defaultModelId;
        _metadata = new ChatClientMetadata(GeminiPropertyNames.ProviderName, client.BaseUrl, defaultModelId ?? client.DefaultModel);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<MEAI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = RequestMapping.ToRequest(messages, options, this, _defaultModelId);
        var completion = await _client.CompleteAsync(request, cancellationToken).ConfigureAwait(false);
        return ResponseMapping.ToResponse(completion);
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<MEAI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        // The request is checked now, as CompleteStreamingAsync does; it is sent when enumeration starts.
        var request = RequestMapping.ToRequest(messages, options, this, _defaultModelId);
        return ReadAsync(_client.CompleteStreamingAsync(request, null, cancellationToken), cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        if (serviceType is null)
        {
            throw new ArgumentNullException(nameof(serviceType));
        }

        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType == typeof(GeminiClient) ? _client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The GeminiClient is shared, not owned.
    }

    /// <summary>
    /// One update per chunk as it arrives (text, finish reason, the chunk as raw representation); then one update from the whole
    /// completion: tool calls (merged by the SDK's accumulator), usage, cost and tracing ids. The stream's own checks hold: a
    /// broken or incomplete stream throws <see cref="GeminiStreamException"/>, a truncated one by the truncation behaviour.
    /// </summary>
    private static async IAsyncEnumerable<ChatResponseUpdate> ReadAsync(ChatStream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var head = new ResponseMapping.StreamHead();
        await foreach (var chunk in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return ResponseMapping.ToUpdate(chunk, head);
        }

        foreach (var update in ResponseMapping.ToFinalUpdates(stream.Completion!, head))
        {
            yield return update;
        }
    }
}
