using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Gemini.Generated;

/// <summary>
/// Builds the completion a stream amounts to, chunk by chunk, the same completion the non-streamed call returns for the same
/// answer: content and refusal concatenated (content given as parts keeps its parts), tool-call deltas merged by index (id and
/// name from the first delta, arguments concatenated), the finish reason, the role, usage from the usage chunk, cost from the
/// final chunk's <c>meta.usage</c>; <c>id</c>, <c>model</c> and <c>created</c> from the first chunk that has them. Every field the
/// SDK does not type is kept too, at its level (a delta's <c>reasoning_content</c> or <c>extra_content</c>, a tool call's thought
/// signature, a choice's <c>native_finish_reason</c>, the chunk's <c>system_fingerprint</c>): pieces in a delta concatenate,
/// objects merge field by field, array items merge by their <c>index</c>, and a value each chunk repeats keeps its last non-null
/// value. Usable while the stream runs (<see cref="Text"/> is the answer so far) and at the end (<see cref="ToCompletion"/>).
/// The chunks are never changed. Not thread-safe: feed it from one reader.
/// </summary>
public sealed class ChatCompletionAccumulator
{
    private readonly SortedDictionary<int, ChoiceState> _choices = new();
    private readonly MergedFields _fields = new(pieces: false);
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
        // The first non-empty value: an Azure-style first chunk carries "id": "", "model": "" and "created": 0.
        if (string.IsNullOrEmpty(_id))
        {
            _id = chunk.Id;
        }

        if (string.IsNullOrEmpty(_model))
        {
            _model = chunk.Model;
        }

        if (_created is null or 0)
        {
            _created = chunk.Created;
        }

        _serviceTier = chunk.ServiceTier ?? _serviceTier;
        _fields.Add(chunk.ExtensionFields);
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

        _fields.ApplyTo(completion);
        return completion;
    }

    private sealed class ChoiceState
    {
        private readonly SortedDictionary<int, ToolCallState> _toolCalls = new();
        private readonly MergedFields _fields = new(pieces: false);
        private readonly MergedFields _deltaFields = new(pieces: true);
        private List<TokenLogprob>? _contentLogprobs;
        private List<TokenLogprob>? _refusalLogprobs;
        private PartsState? _parts;
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

            _fields.Add(choice.ExtensionFields);
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
            _deltaFields.Add(delta.ExtensionFields);
            if (delta.ContentParts is { } parts)
            {
                // From the first delta with parts on, the content is a list of parts; the text before it becomes its first part.
                _parts ??= new PartsState(Text);
                _parts.Add(parts);
            }
            else if (_parts is not null && !string.IsNullOrEmpty(delta.Content))
            {
                _parts.AddText(delta.Content!);
            }

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

        public ChatChoice ToChoice(int index)
        {
            var message = new ChatCompletionMessage
            {
                Role = _role ?? ChatRole.Assistant,
                Content = Content.Length == 0 && (_toolCalls.Count > 0 || _parts is not null) ? null : Text,
                Refusal = Refusal.Length == 0 ? null : Refusal.ToString(),
                ToolCalls = _toolCalls.Count == 0 ? null : _toolCalls.Values.Select(t => t.ToToolCall()).ToList(),
                ContentParts = _parts?.ToParts(),
            };
            _deltaFields.ApplyTo(message);
            var choice = new ChatChoice
            {
                Index = index,
                FinishReason = FinishReason,
                Message = message,
                Logprobs = _contentLogprobs is null && _refusalLogprobs is null ? null : new ChatLogprobs { Content = _contentLogprobs, Refusal = _refusalLogprobs },
            };
            _fields.ApplyTo(choice);
            return choice;
        }
    }

    /// <summary>
    /// Content streamed as parts: adjacent text parts (and adjacent parts of one type the SDK does not model, such as
    /// <c>thinking</c>) merge into one, the way the non-streamed message has them; images stay apart.
    /// </summary>
    private sealed class PartsState
    {
        private readonly List<PartState> _parts = new();

        public PartsState(string textBefore)
        {
            if (textBefore.Length > 0)
            {
                AddText(textBefore);
            }
        }

        public void AddText(string text) => Last("text").Text.Append(text);

        public void Add(IEnumerable<ChatContentPart> parts)
        {
            foreach (var part in parts)
            {
                switch (part)
                {
                    case TextContentPart text:
                        var state = Last("text");
                        state.Text.Append(text.Text);
                        state.Fields.Add(text.ExtensionFields);
                        break;
                    case RefusalContentPart refusal:
                        var refusalState = Last("refusal");
                        refusalState.Text.Append(refusal.Refusal);
                        refusalState.Fields.Add(refusal.ExtensionFields);
                        break;
                    case OtherContentPart other:
                        Last(other.Type).Fields.Add(other.ExtensionFields);
                        break;
                    default:
                        _parts.Add(new PartState(null, part));
                        break;
                }
            }
        }

        public IReadOnlyList<ChatContentPart> ToParts() => _parts.Select(p => p.ToPart()).ToList().AsReadOnly();

        private PartState Last(string type)
        {
            if (_parts.Count > 0 && _parts[_parts.Count - 1].Type == type)
            {
                return _parts[_parts.Count - 1];
            }

            var state = new PartState(type, null);
            _parts.Add(state);
            return state;
        }
    }

    private sealed class PartState
    {
        private readonly ChatContentPart? _whole;

        public PartState(string? type, ChatContentPart? whole)
        {
            Type = type;
            _whole = whole;
        }

        /// <summary>The type of a part that merges with the next one of its type; null for a part kept whole (an image).</summary>
        public string? Type { get; }

        public StringBuilder Text { get; } = new();

        public MergedFields Fields { get; } = new(pieces: true);

        public ChatContentPart ToPart()
        {
            ChatContentPart part = Type switch
            {
                null => _whole!,
                "text" => new TextContentPart { Text = Text.ToString() },
                "refusal" => new RefusalContentPart { Refusal = Text.ToString() },
                _ => new OtherContentPart(Type),
            };
            if (Type is not null)
            {
                Fields.ApplyTo(part);
            }

            return part;
        }
    }

    private sealed class ToolCallState
    {
        private readonly StringBuilder _arguments = new();
        private readonly MergedFields _fields = new(pieces: true);
        private readonly MergedFields _functionFields = new(pieces: true);
        private string? _name;
        private string? _type;

        public string? Id { get; private set; }

        public void Append(ChatToolCallDelta delta)
        {
            Id ??= delta.Id;
            _type ??= delta.Type;
            _fields.Add(delta.ExtensionFields);
            if (delta.Function is { } function)
            {
                _name ??= string.IsNullOrEmpty(function.Name) ? null : function.Name;
                _arguments.Append(function.Arguments);
                _functionFields.Add(function.ExtensionFields);
            }
        }

        public ChatToolCall ToToolCall()
        {
            var function = new FunctionCall { Name = _name!, Arguments = _arguments.ToString() };
            _functionFields.ApplyTo(function);
            var call = new ChatToolCall { Id = Id, Type = _type ?? "function", Function = function };
            _fields.ApplyTo(call);
            return call;
        }
    }
}
