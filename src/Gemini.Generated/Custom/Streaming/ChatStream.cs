using System;
using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Gemini.Generated;

/// <summary>
/// A streamed completion. Enumerate it (once) with <c>await foreach</c> to get each chunk as soon as its event arrives; the
/// response is read as it comes, never buffered. <see cref="Text"/> is the answer so far; when the stream ends,
/// <see cref="Completion"/> is the whole completion, with usage and cost, in the same shape <see cref="GeminiClient.CompleteAsync(ChatCompletionRequest, CancellationToken)"/> returns.
/// </summary>
/// <remarks>
/// A failure before the stream starts throws what the non-streaming call throws (<see cref="AimlApiException"/>, ...). A failure
/// after it started throws <see cref="GeminiStreamException"/> with the partial completion; a stream that ends without
/// <c>[DONE]</c> or a finish reason is such a failure, never a silent short answer. Streams are never retried once started.
/// A stream is read by one consumer; it is not meant to be shared between threads while it runs.
/// </remarks>
public class ChatStream : IAsyncEnumerable<ChatCompletionChunk>
{
    private readonly GeminiClient _client = null!;
    private readonly ChatCompletionRequest _body = null!;
    private readonly TruncationBehavior _truncation;
    private readonly CancellationToken _cancellationToken;
    private readonly string? _clientRequestId;
    private int _enumerated;

    /// <summary>For mocking.</summary>
    protected ChatStream()
    {
        Accumulator = new ChatCompletionAccumulator();
    }

    internal ChatStream(GeminiClient client, ChatCompletionRequest body, ChatRequestOptions? options, TruncationBehavior truncation, CancellationToken cancellationToken)
    {
        _client = client;
        _body = body;
        _truncation = truncation;
        _cancellationToken = cancellationToken;
        _clientRequestId = options?.ClientRequestId;
        Accumulator = new ChatCompletionAccumulator { TokenLimit = body.TokenLimit };
    }

    /// <summary>Everything received so far, merged.</summary>
    public virtual ChatCompletionAccumulator Accumulator { get; }

    /// <summary>The answer so far.</summary>
    public virtual string Text => Accumulator.Text;

    /// <summary>The HTTP response, once the stream started.</summary>
    public virtual ResponseInfo? ResponseInfo => Accumulator.ResponseInfo;

    /// <summary>The whole completion, once the stream ended successfully; otherwise null.</summary>
    public virtual ChatCompletion? Completion { get; private set; }

    /// <summary>Reads the stream to its end, if no one has started reading it, and returns the whole completion.</summary>
    /// <exception cref="InvalidOperationException">The stream was already enumerated and did not complete.</exception>
    public virtual async Task<ChatCompletion> GetCompletionAsync(CancellationToken cancellationToken = default)
    {
        if (Completion is not null)
        {
            return Completion;
        }

        if (Volatile.Read(ref _enumerated) != 0)
        {
            throw new InvalidOperationException("The stream was already read and did not complete, so there is no completion; see the GeminiStreamException it threw.");
        }

        await foreach (var _ in WithCancellation(cancellationToken).ConfigureAwait(false))
        {
        }

        return Completion!;
    }

    /// <summary>Enumerates the chunks. A stream can be enumerated once.</summary>
    /// <exception cref="InvalidOperationException">The stream is already being, or was, enumerated.</exception>
    public virtual IAsyncEnumerator<ChatCompletionChunk> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0)
        {
            throw new InvalidOperationException("A ChatStream can be enumerated once; use Completion or Accumulator for what it received.");
        }

        return ReadAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    /// <summary>Enumerates with a cancellation token.</summary>
    public virtual ConfiguredCancelableAsyncEnumerable<ChatCompletionChunk> WithCancellation(CancellationToken cancellationToken) =>
        TaskAsyncEnumerableExtensions.WithCancellation(this, cancellationToken);

    /// <summary>The enumeration as the call's observers see it: started when enumeration starts, and ended exactly once.</summary>
    private async IAsyncEnumerable<ChatCompletionChunk> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var context = _client.StartCall(_body, streaming: true, _clientRequestId);
        var observations = context.Observations;
        var ended = false;
        var first = true;
        var chunks = ReadChunksAsync(context, cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                try
                {
                    if (!await chunks.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (Exception ex)
                {
                    ended = true;
                    observations.Ended(ex is GeminiStreamException stream ? stream.Partial : Completion ?? (Accumulator.ChunkCount > 0 ? Accumulator.ToCompletion() : null), ex);
                    throw;
                }

                if (first)
                {
                    first = false;
                    observations.FirstChunk();
                }

                yield return chunks.Current;
            }

            ended = true;
            observations.Ended(Completion, null);
        }
        finally
        {
            if (!ended)
            {
                // The caller stopped enumerating early, after at least one chunk (each is accumulated before it is handed out).
                observations.Ended(Accumulator.ToCompletion(), null);
            }

            await chunks.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async IAsyncEnumerable<ChatCompletionChunk> ReadChunksAsync(CallContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, cancellationToken);
        var callerToken = cancellation.Token;
        var response = await _client.SendStreamingAsync(_body, context, callerToken).ConfigureAwait(false);
        using var responseScope = response;
        Accumulator.ResponseInfo = new ResponseInfo((int)response.StatusCode, context.Headers, context.Attempt);

        var transport = _client.Transport;
        var redactor = _client.Redactor;
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not null && !string.Equals(mediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            // Not a stream: a JSON completion is the whole answer in one piece; anything else is named, with an excerpt.
            var answer = await NotAStreamAsync(response, mediaType, context, callerToken).ConfigureAwait(false);
            var single = ChatCompletionChunk.From(answer);
            Accumulator.Append(single);
            yield return single;
            answer.ResponseInfo = Accumulator.ResponseInfo;
            answer.TokenLimit = _body.TokenLimit;
            Completion = answer;
            answer.ApplyTruncationBehavior(_truncation);
            yield break;
        }

        using var idle = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        using var parser = new ChunkParser();
        var done = false;
        using var body = new IdleTimeoutStream(
            new LimitedStream(await HttpContentCompat.ReadStreamAsync(response.Content, callerToken).ConfigureAwait(false), transport.MaxResponseBytes),
            idle,
            transport.IdleTimeout,
            transport.Time);
        var events = SseParser.Create(body, parser.Parse)
            .EnumerateAsync(idle.Token)
            .GetAsyncEnumerator(idle.Token);
        try
        {
            while (true)
            {
                // The parser hands out events it already holds without looking at the token.
                callerToken.ThrowIfCancellationRequested();
                StreamEvent item;
                try
                {
                    if (!await events.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    item = events.Current.Data;
                }
                catch (OperationCanceledException) when (callerToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (OperationCanceledException ex)
                {
                    throw Failure(GeminiStreamFailure.IdleTimeout,
                        $"No data for {transport.IdleTimeout.TotalSeconds:0.###} s (GeminiClientOptions.StreamIdleTimeout) after {body.BytesRead} bytes; the stream was abandoned.", ex);
                }
                catch (GeminiResponseTooLargeException ex)
                {
                    throw Failure(GeminiStreamFailure.ResponseTooLarge, $"The stream passed the {ex.Limit} bytes of GeminiClientOptions.MaxResponseBytes after {Accumulator.ChunkCount} chunks.", ex);
                }
                catch (Exception ex) when (ex is IOException or HttpRequestException or ObjectDisposedException or System.Net.Sockets.SocketException)
                {
                    throw Failure(GeminiStreamFailure.ConnectionLost, $"The connection broke after {Accumulator.ChunkCount} chunks: {redactor.Redact(ex.Message)}", redactor.Safe(ex));
                }

                if (item.IsDone)
                {
                    done = true;
                    break;
                }

                if (item.ServiceError is not null)
                {
                    var message = redactor.Redact(item.ServiceError);
                    var received = Accumulator.ChunkCount;
                    if (item.Chunk is { } errorChunk)
                    {
                        Accumulator.Append(errorChunk);
                    }

                    throw Failure(GeminiStreamFailure.ServiceError, $"The service sent an error after {received} chunks: {message}", null, message, redactor.Redact(item.Raw));
                }

                if (item.Invalid is not null)
                {
                    throw Failure(GeminiStreamFailure.InvalidEvent, $"An event after {Accumulator.ChunkCount} chunks is not a chunk the SDK can read: {redactor.Redact(item.Invalid.Message)}",
                        redactor.Safe(item.Invalid), null, redactor.Redact(item.Raw));
                }

                if (item.Chunk is { } chunk)
                {
                    Accumulator.Append(chunk);
                    yield return chunk;
                }
            }
        }
        finally
        {
            await events.DisposeAsync().ConfigureAwait(false);
        }

        if (!done && Accumulator.FinishReason is null)
        {
            throw Failure(GeminiStreamFailure.Incomplete,
                $"The stream ended after {Accumulator.ChunkCount} chunks without [DONE] or a finish reason; the answer may be cut short.", null);
        }

        if (!Accumulator.HasChoices)
        {
            // [DONE] with nothing before it is not an answer, and an empty one must not pass for one.
            throw Failure(GeminiStreamFailure.Incomplete, $"The stream ended after {Accumulator.ChunkCount} chunks without any choice.", null);
        }

        var completion = Accumulator.ToCompletion();
        Completion = completion;
        completion.ApplyTruncationBehavior(_truncation);
    }

    /// <summary>
    /// A 200 that is not <c>text/event-stream</c>: a JSON chat completion is returned as the answer; anything else, or JSON that
    /// is not a completion, is an <see cref="AimlApiException"/> with status 200, the content type and a capped, redacted excerpt.
    /// </summary>
    private async Task<ChatCompletion> NotAStreamAsync(HttpResponseMessage response, string mediaType, CallContext context, CancellationToken cancellationToken)
    {
        var transport = _client.Transport;
        var json = mediaType.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
        if (json)
        {
            var read = CompletionBodyCheck.Check(await BodyReader.ReadJsonAsync<ChatCompletion>(response.Content, transport, context, cancellationToken).ConfigureAwait(false));
            if (read.Error is null && read.Value is not null)
            {
                return read.Value;
            }

            throw _client.Classifier.ToApiException(
                new ServiceResponseException("The stream was answered with JSON that is not a chat completion.", 200, read.Text, context.Headers, read.Error), context);
        }

        var text = await BodyReader.ReadStartAsync(response.Content, AimlApiException.MaxRawBodyLength, transport, context, cancellationToken).ConfigureAwait(false);
        throw AimlApiException.NotAStream(context.Headers, mediaType, text, context.ClientRequestId, _client.Redactor, transport.Time.GetUtcNow());
    }

    private GeminiStreamException Failure(GeminiStreamFailure failure, string message, Exception? inner, string? serviceMessage = null, string? raw = null) =>
        new(message + " The partial completion is in GeminiStreamException.Partial.", failure, Accumulator.ToCompletion(), serviceMessage, raw, inner);
}
