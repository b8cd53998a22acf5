using System;

namespace Gemini.Generated;

/// <summary>
/// Turns the caller's request into the body that is sent: a copy (the caller's object is never changed), the client's defaults
/// filled in, the stream settings, and every constraint of the API checked before anything is sent.
/// </summary>
internal sealed class RequestPreparer
{
    private readonly string _defaultModel;
    private readonly int? _defaultMaxCompletionTokens;

    public RequestPreparer(GeminiClientOptions options)
    {
        _defaultModel = options.DefaultModel;
        _defaultMaxCompletionTokens = options.DefaultMaxCompletionTokens;
    }

    /// <exception cref="ArgumentException">The request or the options break a constraint; the message names the parameter.</exception>
    public ChatCompletionRequest Prepare(ChatCompletionRequest request, ChatRequestOptions? options, bool streaming)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        ChatRequestOptions.ValidateClientRequestId(options?.ClientRequestId, nameof(ChatRequestOptions.ClientRequestId));
        if (options?.TruncationBehavior is { } behavior && !Enum.IsDefined(typeof(TruncationBehavior), behavior))
        {
            throw new ArgumentOutOfRangeException(nameof(ChatRequestOptions.TruncationBehavior), behavior, "Unknown TruncationBehavior.");
        }

        if (!streaming && request.Stream == true)
        {
            throw new ArgumentException("stream is true: call CompleteStreamingAsync to stream, or leave Stream unset.", "stream");
        }

        var body = request.CopyForSending();
        body.Model ??= _defaultModel;
        if (body.MaxCompletionTokens is null && body.MaxTokens is null)
        {
            body.MaxCompletionTokens = _defaultMaxCompletionTokens;
        }

        if (streaming)
        {
            body.Stream = true;
            body.StreamOptions = body.StreamOptions?.WithUsageByDefault() ?? new ChatStreamOptions { IncludeUsage = true };
        }

        RequestValidator.Validate(body);
        return body;
    }
}
