using System;
using System.Buffers;
using System.Text;
using Newtonsoft.Json;

namespace Gemini.Generated;

/// <summary>What one server-sent event turned out to be.</summary>
internal readonly struct StreamEvent
{
    public ChatCompletionChunk? Chunk { get; init; }

    public bool IsDone { get; init; }

    /// <summary>The event's data, kept only for error and invalid events.</summary>
    public string? Raw { get; init; }

    public string? ServiceError { get; init; }

    public JsonException? Invalid { get; init; }
}

/// <summary>
/// Parses stream events into chunks straight from the SSE parser's bytes: no string per event, a char buffer rented per event
/// (not per stream) and a pooled char buffer per JSON reader.
/// </summary>
internal sealed class ChunkParser : IDisposable
{
    private const int MaxRawLength = 2048;
    private static readonly byte[] Done = Encoding.ASCII.GetBytes("[DONE]");

    private readonly CharArrayTextReader _reader = new();

    public StreamEvent Parse(string eventType, ReadOnlySpan<byte> data)
    {
        var trimmed = Trim(data);
        if (trimmed.IsEmpty)
        {
            return default;
        }

        if (trimmed.SequenceEqual(Done))
        {
            return new StreamEvent { IsDone = true };
        }

        // The char buffer is rented for this event only and returned before Parse returns: an open stream that waits between
        // events holds no buffer.
        var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(data.Length));
        try
        {
            return Parse(eventType, chars, Decode(data, chars));
        }
        finally
        {
            _reader.Reset(Array.Empty<char>(), 0);
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    public void Dispose() => _reader.Dispose();

    private StreamEvent Parse(string eventType, char[] chars, int length)
    {
        if (string.Equals(eventType, "error", StringComparison.OrdinalIgnoreCase))
        {
            var raw = Raw(chars, length);
            return new StreamEvent { ServiceError = ErrorBody.Parse(raw).Message ?? raw, Raw = raw };
        }

        ChatCompletionChunk? chunk;
        try
        {
            _reader.Reset(chars, length);
            using var json = JsonBodyReader.Open(_reader);
            chunk = GeminiJson.Serializer.Deserialize<ChatCompletionChunk>(json);
        }
        catch (JsonException ex)
        {
            return new StreamEvent { Invalid = ex, Raw = Raw(chars, length) };
        }

        if (chunk is null)
        {
            return default;
        }

        // An error sent as a data event: {"error": {...}}, or the documented error body {"message", "statusCode", ...} without choices.
        // The chunk is kept too: usage and cost sent with the error belong in the partial completion.
        if (chunk.ExtensionFields is { Count: > 0 } extra &&
            (ExtensionData.IsSet(extra, "error") || (chunk.Choices is null && ExtensionData.IsSet(extra, "message") && extra.ContainsKey("statusCode"))))
        {
            var raw = Raw(chars, length);
            return new StreamEvent { ServiceError = ErrorBody.Parse(raw).Message ?? raw, Raw = raw, Chunk = chunk };
        }

        return new StreamEvent { Chunk = chunk };
    }

    private static int Decode(ReadOnlySpan<byte> data, char[] chars)
    {
#if NETSTANDARD2_0
        var bytes = ArrayPool<byte>.Shared.Rent(data.Length);
        try
        {
            data.CopyTo(bytes);
            return Encoding.UTF8.GetChars(bytes, 0, data.Length, chars, 0);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
#else
        return Encoding.UTF8.GetChars(data, chars);
#endif
    }

    private static string Raw(char[] chars, int length) => new(chars, 0, Math.Min(length, MaxRawLength));

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> data)
    {
        var start = 0;
        var end = data.Length;
        while (start < end && data[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        while (end > start && data[end - 1] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            end--;
        }

        return data.Slice(start, end - start);
    }
}

/// <summary>Lets Newtonsoft's readers rent their char buffers instead of allocating them.</summary>
internal sealed class JsonCharPool : IArrayPool<char>
{
    public static JsonCharPool Instance { get; } = new();

    public char[] Rent(int minimumLength) => ArrayPool<char>.Shared.Rent(minimumLength);

    public void Return(char[]? array)
    {
        if (array is not null)
        {
            ArrayPool<char>.Shared.Return(array);
        }
    }
}
