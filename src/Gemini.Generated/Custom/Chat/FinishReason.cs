using System;
using System.ComponentModel;
using Newtonsoft.Json;

namespace Gemini.Generated;

/// <summary>
/// Why the model stopped generating. Known values are the static members; any other value the service sends
/// (<c>"MAX_TOKENS"</c>, <c>"SAFETY"</c>, <c>""</c>) is kept verbatim and compares by value.
/// </summary>
/// <remarks>
/// CUSTOM: replaces the spec's closed enum (two different ones in the completion and the chunk), which throws on values it does not list.
/// </remarks>
[JsonConverter(typeof(FinishReasonConverter))]
public readonly struct FinishReason : IEquatable<FinishReason>
{
    private readonly string? _value;

    /// <summary>Creates a finish reason from the value the service sent.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public FinishReason(string value)
    {
        _value = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary><c>stop</c>: the model reached a natural end or a stop sequence.</summary>
    public static FinishReason Stop { get; } = new("stop");

    /// <summary><c>length</c>: the token limit cut the answer off. For gemini-2.5-flash, reasoning counts against the limit.</summary>
    public static FinishReason Length { get; } = new("length");

    /// <summary><c>content_filter</c>: content was omitted by a content filter.</summary>
    public static FinishReason ContentFilter { get; } = new("content_filter");

    /// <summary><c>tool_calls</c>: the model called one or more tools.</summary>
    public static FinishReason ToolCalls { get; } = new("tool_calls");

    /// <summary><c>function_call</c>: the model called a function (legacy form, seen in stream chunks).</summary>
    public static FinishReason FunctionCall { get; } = new("function_call");

    /// <summary>The value as the service sent it.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>
    /// True when the answer was cut off by a token limit: <c>length</c>, or <c>MAX_TOKENS</c> as Google's native API names it
    /// when a provider passes it through.
    /// </summary>
    public bool IsTokenLimit =>
        Equals(Length) || string.Equals(_value, "max_tokens", StringComparison.OrdinalIgnoreCase);

    /// <summary>Compares by value, ordinally.</summary>
    public bool Equals(FinishReason other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is FinishReason other && Equals(other);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The value as the service sent it.</summary>
    public override string ToString() => Value;

    /// <summary>Compares by value.</summary>
    public static bool operator ==(FinishReason left, FinishReason right) => left.Equals(right);

    /// <summary>Compares by value.</summary>
    public static bool operator !=(FinishReason left, FinishReason right) => !left.Equals(right);

    /// <summary>Wraps a string value; null gives the default value, whose <see cref="Value"/> is empty.</summary>
    public static implicit operator FinishReason(string? value) => value is null ? default : new(value);
}

internal sealed class FinishReasonConverter : StringValueConverter<FinishReason>
{
    protected override FinishReason Create(string value) => new(value);
}
