using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;

namespace Gemini.Generated;

/// <summary>
/// Sequences where the API stops generating (up to 4): one string, sent as a JSON string, or a list, sent as a JSON array.
/// A string or a string array converts implicitly.
/// </summary>
/// <remarks>CUSTOM: hand-written in place of the spec's anyOf string | array | null, which NSwag turns into an empty class.</remarks>
[JsonConverter(typeof(StopSequencesConverter))]
public sealed class StopSequences : IReadOnlyList<string>
{
    /// <summary>The most sequences the API accepts.</summary>
    public const int MaxCount = 4;

    private readonly IReadOnlyList<string> _sequences;

    /// <summary>One stop sequence, sent as a JSON string.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="sequence"/> is null.</exception>
    public StopSequences(string sequence)
    {
        _sequences = new[] { sequence ?? throw new ArgumentNullException(nameof(sequence)) };
        IsSingle = true;
    }

    /// <summary>Several stop sequences, sent as a JSON array.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="sequences"/> or one of its items is null.</exception>
    public StopSequences(IEnumerable<string> sequences)
    {
        var list = (sequences ?? throw new ArgumentNullException(nameof(sequences))).ToList();
        if (list.Any(s => s is null))
        {
            throw new ArgumentNullException(nameof(sequences), "A stop sequence is null.");
        }

        _sequences = list.AsReadOnly();
    }

    /// <summary>True when sent as a single JSON string rather than an array.</summary>
    public bool IsSingle { get; }

    /// <inheritdoc />
    public int Count => _sequences.Count;

    /// <inheritdoc />
    public string this[int index] => _sequences[index];

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator() => _sequences.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>One stop sequence; null stays null.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(sequence))]
    public static implicit operator StopSequences?(string? sequence) => sequence is null ? null : new(sequence);

    /// <summary>Several stop sequences; null stays null.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(sequences))]
    public static implicit operator StopSequences?(string[]? sequences) => sequences is null ? null : new(sequences);

    /// <summary>The sequences, quoted and comma-separated.</summary>
    public override string ToString() => string.Join(", ", _sequences.Select(s => "\"" + s + "\""));
}

internal sealed class StopSequencesConverter : JsonConverter<StopSequences>
{
    public override StopSequences? ReadJson(JsonReader reader, Type objectType, StopSequences? existingValue, bool hasExistingValue, JsonSerializer serializer) =>
        reader.TokenType switch
        {
            JsonToken.Null => null,
            JsonToken.String => new StopSequences((string)reader.Value!),
            JsonToken.StartArray => new StopSequences(serializer.Deserialize<List<string>>(reader) ?? new List<string>()),
            _ => throw new JsonSerializationException($"stop must be a string or an array of strings, found {reader.TokenType}."),
        };

    public override void WriteJson(JsonWriter writer, StopSequences? value, JsonSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else if (value.IsSingle)
        {
            writer.WriteValue(value[0]);
        }
        else
        {
            writer.WriteStartArray();
            foreach (var sequence in value)
            {
                writer.WriteValue(sequence);
            }

            writer.WriteEndArray();
        }
    }
}
