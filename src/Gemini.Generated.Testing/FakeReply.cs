using System;
using System.Collections.Generic;
using System.Linq;

namespace Gemini.Generated.Testing;

/// <summary>
/// What <see cref="FakeAimlServer"/> answers to one request: a completion (sent as JSON, or as a stream when the request asks to
/// stream), a tool call, a service error, or a raw body. Build one with the static methods and refine it with the <c>With</c> methods,
/// which change this reply and return it. Serving a reply never changes it, so one reply can be served any number of times (as
/// <see cref="FakeAimlServer.DefaultReply"/>), but do not change it while requests are being served.
/// </summary>
/// <example>
/// <code>
/// server.Enqueue(
///     FakeReply.RateLimit(TimeSpan.FromSeconds(1)),
///     FakeReply.Completion("Paris.").WithUsage(12, 40, reasoningTokens: 35).WithCost(120, 0.000125m));
/// </code>
/// </example>
public sealed class FakeReply
{
    private FakeReply(FakeReplyKind kind)
    {
        Kind = kind;
    }

    internal FakeReplyKind Kind { get; }

    internal string Text { get; private set; } = string.Empty;

    internal string? FinishReason { get; private set; }

    internal string? Refusal { get; private set; }

    internal IReadOnlyList<ChatToolCall>? ToolCalls { get; private set; }

    internal int? PromptTokens { get; private set; }

    internal int? CompletionTokens { get; private set; }

    internal int ReasoningTokens { get; private set; }

    internal decimal? CreditsUsed { get; private set; }

    internal decimal? UsdSpent { get; private set; }

    internal IReadOnlyList<string>? Pieces { get; private set; }

    internal TimeSpan ChunkDelay { get; private set; }

    internal FakeStreamEnding Ending { get; private set; } = FakeStreamEnding.Done;

    internal string? StreamErrorMessage { get; private set; }

    internal int StatusCode { get; private set; } = 200;

    internal string? ErrorMessage { get; private set; }

    internal string? RetryAfter { get; private set; }

    internal string? Body { get; private set; }

    internal string ContentType { get; private set; } = "application/json";

    internal TimeSpan Latency { get; private set; }

    internal Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    internal string? InferenceId { get; private set; }

    internal Dictionary<string, object?> ExtraFields { get; } = new(StringComparer.Ordinal);

    /// <summary>A completion with this answer and finish reason "stop". Streamed word by word when the request streams.</summary>
    public static FakeReply Completion(string text) =>
        new(FakeReplyKind.Completion) { Text = text ?? throw new ArgumentNullException(nameof(text)), FinishReason = "stop" };

    /// <summary>A completion that calls a function, with finish reason "tool_calls" and no text.</summary>
    /// <param name="functionName">The function the model calls.</param>
    /// <param name="argumentsJson">The arguments, as the JSON text the model generated.</param>
    /// <param name="callId">The call's id; generated when null.</param>
    public static FakeReply ToolCall(string functionName, string argumentsJson, string? callId = null) =>
        new(FakeReplyKind.Completion)
        {
            FinishReason = "tool_calls",
            ToolCalls = new[]
            {
                new ChatToolCall
                {
                    Id = callId ?? "call_" + Guid.NewGuid().ToString("N").Substring(0, 12),
                    Type = "function",
                    Function = new FunctionCall { Name = functionName, Arguments = argumentsJson },
                },
            },
        };

    /// <summary>
    /// An error with the service's documented body (<c>message</c>, <c>path</c>, <c>requestId</c>, <c>statusCode</c> as a string,
    /// <c>timestamp</c>).
    /// </summary>
    public static FakeReply Error(int statusCode, string message) =>
        new(FakeReplyKind.Error) { StatusCode = statusCode, ErrorMessage = message };

    /// <summary>A 429 with the service's free-tier message and, when given, a Retry-After in seconds.</summary>
    public static FakeReply RateLimit(TimeSpan? retryAfter = null, string message = "Free-tier limit: You've reached your free limit for the hour.") =>
        new(FakeReplyKind.Error)
        {
            StatusCode = 429,
            ErrorMessage = message,
            RetryAfter = retryAfter is { } wait ? Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };

    /// <summary>Any status and body, as given: an HTML 502 from a proxy, truncated JSON, a wrong content type.</summary>
    public static FakeReply Raw(int statusCode, string body, string contentType = "application/json") =>
        new(FakeReplyKind.Raw) { StatusCode = statusCode, Body = body ?? throw new ArgumentNullException(nameof(body)), ContentType = contentType };

    /// <summary>A response with an empty body.</summary>
    public static FakeReply Empty(int statusCode = 200) => Raw(statusCode, string.Empty);

    /// <summary>The finish reason, including values the spec does not list (<c>"MAX_TOKENS"</c>).</summary>
    public FakeReply WithFinishReason(string? finishReason)
    {
        FinishReason = finishReason;
        return this;
    }

    /// <summary>A refusal in place of an answer.</summary>
    public FakeReply WithRefusal(string refusal)
    {
        Refusal = refusal;
        return this;
    }

    /// <summary>The token counts to report; by default they are counted from words.</summary>
    public FakeReply WithUsage(int promptTokens, int completionTokens, int reasoningTokens = 0)
    {
        PromptTokens = promptTokens;
        CompletionTokens = completionTokens;
        ReasoningTokens = reasoningTokens;
        return this;
    }

    /// <summary>
    /// Tokens the model spends reasoning before it answers. Like the real service, they count against the request's token limit
    /// (512 when the request sets none): when they reach it, the answer is empty with finish reason "length".
    /// </summary>
    public FakeReply WithReasoningTokens(int reasoningTokens)
    {
        ReasoningTokens = reasoningTokens >= 0 ? reasoningTokens : throw new ArgumentOutOfRangeException(nameof(reasoningTokens));
        return this;
    }

    /// <summary>The cost to report: headers for a completion, <c>meta.usage</c> in the body and in a stream's final chunk.</summary>
    public FakeReply WithCost(decimal creditsUsed, decimal usdSpent)
    {
        CreditsUsed = creditsUsed;
        UsdSpent = usdSpent;
        return this;
    }

    /// <summary>The pieces the answer streams in, one chunk each; by default it streams word by word.</summary>
    public FakeReply WithChunks(params string[] pieces)
    {
        Pieces = pieces ?? throw new ArgumentNullException(nameof(pieces));
        if (Kind == FakeReplyKind.Completion && ToolCalls is null)
        {
            Text = string.Concat(pieces);
        }

        return this;
    }

    /// <summary>A pause before each streamed chunk.</summary>
    public FakeReply WithChunkDelay(TimeSpan delay)
    {
        ChunkDelay = delay;
        return this;
    }

    /// <summary>The stream ends after the content, with neither a finish reason nor <c>[DONE]</c>.</summary>
    public FakeReply WithoutDone()
    {
        Ending = FakeStreamEnding.Abrupt;
        return this;
    }

    /// <summary>After the content, the stream carries an error event and ends.</summary>
    public FakeReply ThenStreamError(string message)
    {
        Ending = FakeStreamEnding.Error;
        StreamErrorMessage = message;
        return this;
    }

    /// <summary>After the content, the server drops the connection mid-stream.</summary>
    public FakeReply ThenDisconnect()
    {
        Ending = FakeStreamEnding.Disconnect;
        return this;
    }

    /// <summary>A wait before the response starts.</summary>
    public FakeReply WithLatency(TimeSpan latency)
    {
        Latency = latency;
        return this;
    }

    /// <summary>A response header.</summary>
    public FakeReply WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }

    /// <summary>The <c>x-inference-id</c> to send; generated when not set.</summary>
    public FakeReply WithInferenceId(string inferenceId)
    {
        InferenceId = inferenceId;
        return this;
    }

    /// <summary>A field the spec does not know, added to the completion (and to every chunk) as sent.</summary>
    public FakeReply WithExtraField(string name, object? value)
    {
        ExtraFields[name] = value;
        return this;
    }

    internal IReadOnlyList<string> StreamPieces()
    {
        if (Pieces is not null)
        {
            return Pieces;
        }

        var pieces = new List<string>();
        var start = 0;
        for (var i = 1; i <= Text.Length; i++)
        {
            if (i == Text.Length || (Text[i] == ' ' && i > start))
            {
                pieces.Add(Text.Substring(start, i - start));
                start = i;
            }
        }

        return pieces;
    }

    internal static int CountTokens(string? text) =>
        string.IsNullOrWhiteSpace(text) ? 0 : text!.Split(new[] { ' ', '\n', '\t', '\r' }, StringSplitOptions.RemoveEmptyEntries).Length;

    internal static string FirstTokens(string text, int count) =>
        string.Join(" ", text.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries).Take(Math.Max(0, count)));
}

internal enum FakeReplyKind
{
    Completion,
    Error,
    Raw,
}

internal enum FakeStreamEnding
{
    Done,
    Abrupt,
    Error,
    Disconnect,
}
