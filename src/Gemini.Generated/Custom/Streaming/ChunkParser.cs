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
/// Parses stream events into chunks straight from the SSE parser's bytes, with one reusable, pooled decode path per stream: no
/// string per event, a pooled char buffer per JSON reader.
/// </summary>
internal sealed class ChunkParser : IDisposable
{
    private const int MaxRawLength = 2048;
    private static readonly byte[] Done = Encoding.ASCII.GetBytes("[DONE]");

    private readonly CharArrayTextReader _reader = new();
    private char[] _chars = ArrayPool<char>.Shared.Rent(4096);
#if NETSTANDARD2_0
    private byte[] _bytes = ArrayPool<byte>.Shared.Rent(4096);
#endif

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

        var length = Decode(data);
        if (string.Equals(eventType, "error", StringComparison.OrdinalIgnoreCase))
        {
            var raw = Raw(length);
            return new StreamEvent { ServiceError = ErrorBody.Parse(raw).Message ?? raw, Raw = raw };
        }

        ChatCompletionChunk? chunk;
        try
        {
            _reader.Reset(_chars, length);
            using var json = JsonBodyReader.Open(_reader);
            chunk = GeminiJson.Serializer.Deserialize<ChatCompletionChunk>(json);
        }
        catch (JsonException ex)
        {
            return new StreamEvent { Invalid = ex, Raw = Raw(length) };
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
            var raw = Raw(length);
            return new StreamEvent { ServiceError = ErrorBody.Parse(raw).Message ?? raw, Raw = raw, Chunk = chunk };
        }

        return new StreamEvent { Chunk = chunk };
    }

    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(_chars);
        _chars = Array.Empty<char>();
#if NETSTANDARD2_0
        ArrayPool<byte>.Shared.Return(_bytes);
        _bytes = Array.Empty<byte>();
#endif
    }

    private int Decode(ReadOnlySpan<byte> data)
    {
        var needed = Encoding.UTF8.GetMaxCharCount(data.Length);
        if (_chars.Length < needed)
        {
            ArrayPool<char>.Shared.Return(_chars);
            _chars = ArrayPool<char>.Shared.Rent(needed);
        }

#if NETSTANDARD2_0
        if (_bytes.Length < data.Length)
        {
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = ArrayPool<byte>.Shared.Rent(data.Length);
        }

        data.CopyTo(_bytes);
        return Encoding.UTF8.GetChars(_bytes, 0, data.Length, _chars, 0);
#else
        return Encoding.UTF8.GetChars(data, _chars);
#endif
    }

    private string Raw(int length) => new(_chars, 0, Math.Min(length, MaxRawLength));

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
