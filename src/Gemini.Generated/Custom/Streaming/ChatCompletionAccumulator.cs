using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Gemini.Generated;

/// <summary>
/// Builds the completion a stream amounts to, chunk by chunk: content and refusal concatenated, tool-call deltas merged by index
/// (id and name from the first delta, arguments concatenated), the finish reason, the role, usage from the usage chunk and cost
/// from the final chunk's <c>meta.usage</c>. Usable while the stream runs (<see cref="Text"/> is the answer so far) and at the end
/// (<see cref="ToCompletion"/>). Not thread-safe: feed it from one reader.
/// </summary>
public sealed class ChatCompletionAccumulator
{
    private readonly SortedDictionary<int, ChoiceState> _choices = new();
    private string? _id;
    private string? _model;
    private long? _created;
    private string? _serviceTier;

    /// <summary>How many chunks were added.</summary>
    public int ChunkCount { get; private set; }

    /// <summary>The first choice's answer so far.</summary>
    public string Text => FirstChoice?.Text ?? string.Empty;

    /// <summary>Whether any chunk carried a choice.</summary>
    internal bool HasChoices => _choices.Count > 0;

    /// <summary>The first choice's refusal so far, or null.</summary>
    public string? Refusal => FirstChoice is { Refusal.Length: > 0 } choice ? choice.Refusal.ToString() : null;

    /// <summary>The first choice's finish reason, once a chunk carried it.</summary>
    public FinishReason? FinishReason => FirstChoice?.FinishReason;

    /// <summary>The usage, once the usage chunk arrived (the client asks for it with <c>stream_options.include_usage</c>).</summary>
    public CompletionUsage? Usage { get; private set; }

    /// <summary>The cost, once the final chunk's <c>meta.usage</c> arrived.</summary>
    public ChatCompletionMeta? Meta { get; private set; }

    /// <summary>The HTTP response the chunks come from, when the client set it.</summary>
    public ResponseInfo? ResponseInfo { get; set; }

    /// <summary>The token limit the request carried, when the client set it.</summary>
    public int? TokenLimit { get; set; }

    private ChoiceState? FirstChoice => _choices.Count == 0 ? null : _choices.First().Value;

    /// <summary>Adds a chunk. Missing or null fields, empty choices and unknown values are fine.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="chunk"/> is null.</exception>
    public void Append(ChatCompletionChunk chunk)
    {
        if (chunk is null)
        {
            throw new ArgumentNullException(nameof(chunk));
        }

        ChunkCount++;
        _id ??= chunk.Id;
        _model ??= chunk.Model;
        _created ??= chunk.Created;
        _serviceTier ??= chunk.ServiceTier;
        if (chunk.Usage is not null)
        {
            Usage = chunk.Usage;
        }

        if (chunk.Meta is not null)
        {
            Meta = chunk.Meta;
        }

        if (chunk.Choices is null)
        {
            return;
        }

        foreach (var choice in chunk.Choices)
        {
            if (choice is null)
            {
                continue;
            }

            var index = choice.Index ?? 0;
            if (!_choices.TryGetValue(index, out var state))
            {
                state = new ChoiceState();
                _choices.Add(index, state);
            }

            state.Append(choice);
        }
    }

    /// <summary>The completion so far, in the shape the non-streaming call returns.</summary>
    public ChatCompletion ToCompletion()
    {
        var completion = new ChatCompletion
        {
            Id = _id,
            Object = "chat.completion",
            Created = _created,
            Model = _model,
            Choices = _choices.Select(c => c.Value.ToChoice(c.Key)).ToList(),
            Usage = Usage,
            Meta = Meta,
            ResponseInfo = ResponseInfo,
            TokenLimit = TokenLimit,
        };
        if (_serviceTier is not null)
        {
            completion.AdditionalProperties["service_tier"] = _serviceTier;
        }

        return completion;
    }

    private sealed class ChoiceState
    {
        private readonly SortedDictionary<int, ToolCallState> _toolCalls = new();
        private List<TokenLogprob>? _contentLogprobs;
        private List<TokenLogprob>? _refusalLogprobs;
        private ChatRole? _role;

        private string? _text;

        public StringBuilder Content { get; } = new();

        /// <summary>The content so far, built once per change rather than on every read.</summary>
        public string Text => _text ??= Content.ToString();

        public StringBuilder Refusal { get; } = new();

        public FinishReason? FinishReason { get; private set; }

        public void Append(ChatChunkChoice choice)
        {
            if (choice.FinishReason is not null)
            {
                FinishReason = choice.FinishReason;
            }

            if (choice.Logprobs is { } logprobs)
            {
                if (logprobs.Content is not null)
                {
                    (_contentLogprobs ??= new List<TokenLogprob>()).AddRange(logprobs.Content);
                }

                if (logprobs.Refusal is not null)
                {
                    (_refusalLogprobs ??= new List<TokenLogprob>()).AddRange(logprobs.Refusal);
                }
            }

            if (choice.Delta is not { } delta)
            {
                return;
            }

            _role ??= delta.Role;
            if (!string.IsNullOrEmpty(delta.Content))
            {
                Content.Append(delta.Content);
                _text = null;
            }

            Refusal.Append(delta.Refusal);
            if (delta.ToolCalls is null)
            {
                return;
            }

            foreach (var call in delta.ToolCalls)
            {
                if (call is null)
                {
                    continue;
                }

                // A delta without an index continues the last call, unless it brings a new id.
                var index = call.Index
                    ?? (_toolCalls.Count == 0 ? 0
                        : call.Id is not null && _toolCalls.Last().Value.Id is { } lastId && lastId != call.Id ? _toolCalls.Last().Key + 1
                        : _toolCalls.Last().Key);
                if (!_toolCalls.TryGetValue(index, out var state))
                {
                    state = new ToolCallState();
                    _toolCalls.Add(index, state);
                }

                state.Append(call);
            }
        }

        public ChatChoice ToChoice(int index) => new()
        {
            Index = index,
            FinishReason = FinishReason,
            Message = new ChatCompletionMessage
            {
                Role = _role ?? ChatRole.Assistant,
                Content = Content.Length == 0 && _toolCalls.Count > 0 ? null : Text,
                Refusal = Refusal.Length == 0 ? null : Refusal.ToString(),
                ToolCalls = _toolCalls.Count == 0 ? null : _toolCalls.Values.Select(t => t.ToToolCall()).ToList(),
            },
            Logprobs = _contentLogprobs is null && _refusalLogprobs is null ? null : new ChatLogprobs { Content = _contentLogprobs, Refusal = _refusalLogprobs },
        };
    }

    private sealed class ToolCallState
    {
        private readonly StringBuilder _arguments = new();
        private string? _name;
        private string? _type;

        public string? Id { get; private set; }

        public void Append(ChatToolCallDelta delta)
        {
            Id ??= delta.Id;
            _type ??= delta.Type;
            if (delta.Function is { } function)
            {
                _name ??= string.IsNullOrEmpty(function.Name) ? null : function.Name;
                _arguments.Append(function.Arguments);
            }
        }

        public ChatToolCall ToToolCall() => new()
        {
            Id = Id,
            Type = _type ?? "function",
            Function = new FunctionCall { Name = _name!, Arguments = _arguments.ToString() },
        };
    }
}
