using System;
using System.ComponentModel;
using Newtonsoft.Json;

namespace Gemini.Generated;

/// <summary>
/// The role of a message's author. Known values are the static members; any other value the service sends is kept verbatim
/// and compares by value.
/// </summary>
/// <remarks>CUSTOM: the completion types the role as a free string and the chunk as a closed enum; one open value type serves both.</remarks>
[JsonConverter(typeof(ChatRoleConverter))]
public readonly struct ChatRole : IEquatable<ChatRole>
{
    private readonly string? _value;

    /// <summary>Creates a role from its wire value.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public ChatRole(string value)
    {
        _value = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary><c>system</c>.</summary>
    public static ChatRole System { get; } = new("system");

    /// <summary><c>developer</c>.</summary>
    public static ChatRole Developer { get; } = new("developer");

    /// <summary><c>user</c>.</summary>
    public static ChatRole User { get; } = new("user");

    /// <summary><c>assistant</c>.</summary>
    public static ChatRole Assistant { get; } = new("assistant");

    /// <summary><c>tool</c>.</summary>
    public static ChatRole Tool { get; } = new("tool");

    /// <summary>The wire value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Compares by value, ordinally.</summary>
    public bool Equals(ChatRole other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is ChatRole other && Equals(other);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>The wire value.</summary>
    public override string ToString() => Value;

    /// <summary>Compares by value.</summary>
    public static bool operator ==(ChatRole left, ChatRole right) => left.Equals(right);

    /// <summary>Compares by value.</summary>
    public static bool operator !=(ChatRole left, ChatRole right) => !left.Equals(right);

    /// <summary>Wraps a string value; null gives the default value, whose <see cref="Value"/> is empty.</summary>
    public static implicit operator ChatRole(string? value) => value is null ? default : new(value);
}

internal sealed class ChatRoleConverter : StringValueConverter<ChatRole>
{
    protected override ChatRole Create(string value) => new(value);
}
