using System;
using System.Buffers;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;

namespace Gemini.Generated;

/// <summary>What reading a JSON body gave: the value, or the error and the body text (capped) to show with it.</summary>
internal readonly struct JsonReadResult<T>
{
    public JsonReadResult(T? value, string text, Exception? error)
    {
        Value = value;
        Text = text;
        Error = error;
    }

    public T? Value { get; }

    public string Text { get; }

    public Exception? Error { get; }
}

/// <summary>
/// Reads a JSON body with pooled buffers: the bytes into a rented array (bounded by the size limit), decoded into a rented char
/// array, parsed by a JsonTextReader that rents its own buffers. No StreamReader, no string of the whole body.
/// </summary>
internal static class JsonBodyReader
{
    /// <summary>Reads <paramref name="stream"/> to its end (at most <paramref name="maxBytes"/>) and parses it.</summary>
    public static async Task<JsonReadResult<T>> ReadAsync<T>(Stream stream, long? declared, long maxBytes, CancellationToken cancellationToken)
    {
        var bytes = ArrayPool<byte>.Shared.Rent(declared is > 0 and < int.MaxValue - 1 ? (int)declared.Value + 1 : 16 * 1024);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == bytes.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(bytes.Length * 2);
                    Buffer.BlockCopy(bytes, 0, larger, 0, length);
                    ArrayPool<byte>.Shared.Return(bytes);
                    bytes = larger;
                }

                var read = await stream.ReadAsync(bytes, length, bytes.Length - length, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > maxBytes)
                {
                    throw new GeminiResponseTooLargeException(maxBytes);
                }
            }

            return Parse<T>(bytes, length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    public static JsonReadResult<T> Parse<T>(byte[] bytes, int length)
    {
        var offset = length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var chars = ArrayPool<char>.Shared.Rent(Encoding.UTF8.GetMaxCharCount(length - offset));
        try
        {
            var count = Encoding.UTF8.GetChars(bytes, offset, length - offset, chars, 0);
            var reader = new CharArrayTextReader();
            reader.Reset(chars, count);
            using var json = Open(reader);
            try
            {
                return new JsonReadResult<T>(GeminiJson.Serializer.Deserialize<T>(json), string.Empty, null);
            }
            catch (JsonException ex)
            {
                return new JsonReadResult<T>(default, new string(chars, 0, Math.Min(count, AimlApiException.MaxRawBodyLength)), ex);
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <summary>A reader with the SDK's limits and pooled buffers.</summary>
    public static JsonTextReader Open(TextReader reader) => new(reader)
    {
        ArrayPool = JsonCharPool.Instance,
        CloseInput = false,
        MaxDepth = GeminiJson.MaxDepth,
        DateParseHandling = DateParseHandling.None,
    };
}
