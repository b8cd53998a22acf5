using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;

namespace Gemini.Generated.Benchmarks;

/// <summary>
/// The limit of our stack: a bare HttpClient plus Newtonsoft.Json with the SDK's own settings (GeminiJson), reading the response
/// stream straight into the generated models through pooled buffers. No validation, no retries, no timeouts, no accumulation:
/// what this SDK could cost at least without changing its serializer. For the stream, SseParser plus the same deserialization
/// per event.
/// </summary>
/// <remarks>
/// The body is read with synchronous reads: free on the in-process handler's in-memory content, but on a real socket a client
/// would fill the buffer asynchronously first, as the SDK does.
/// </remarks>
public static class StackLimit
{
    private static readonly Uri Url = new("http://127.0.0.1/v1/chat/completions");
    private static readonly AuthenticationHeaderValue Authorization = new("Bearer", Clients.Key);
    private static readonly MediaTypeWithQualityHeaderValue EventStream = new("text/event-stream");

    public static ChatCompletionRequest Request(string prompt, bool stream = false)
    {
        var request = new ChatCompletionRequest(ChatMessage.User(prompt)) { Model = GeminiModels.Gemini25Flash };
        if (stream)
        {
            request.Stream = true;
            request.StreamOptions = new ChatStreamOptions { IncludeUsage = true };
        }

        return request;
    }

    public static async Task<ChatCompletion?> CompleteAsync(HttpClient http, string prompt, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(http, Request(prompt), cancellationToken).ConfigureAwait(false);
        using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var text = new PooledUtf8Reader();
        text.Reset(body);
        return text.Deserialize<ChatCompletion>();
    }

    public static async IAsyncEnumerable<ChatCompletionChunk> StreamAsync(HttpClient http, string prompt, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(http, Request(prompt, stream: true), cancellationToken).ConfigureAwait(false);
        using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var text = new PooledUtf8Reader();
        await foreach (var item in SseParser.Create(body, (_, data) => text.DeserializeEvent(data)).EnumerateAsync(cancellationToken).ConfigureAwait(false))
        {
            if (item.Data is { } chunk)
            {
                yield return chunk;
            }
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, ChatCompletionRequest body, CancellationToken cancellationToken)
    {
        var json = new StringWriter(new StringBuilder(256), CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(json) { ArrayPool = JsonCharPool.Instance })
        {
            GeminiJson.Serializer.Serialize(writer, body);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new StringContent(json.ToString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = Authorization;
        if (body.Stream == true)
        {
            request.Headers.Accept.Add(EventStream);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Decodes UTF-8 for a JsonTextReader through a rented byte buffer, from a stream or from one event's bytes: no StreamReader
    /// buffers, no string of the body or of an event, and between a stream's events no buffer held.
    /// </summary>
    private sealed class PooledUtf8Reader : TextReader
    {
        private static readonly byte[] Done = "[DONE]"u8.ToArray();

        private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
        private byte[] _bytes = [];
        private Stream? _stream;
        private int _start;
        private int _end;

        public void Reset(Stream stream)
        {
            Rent(4096);
            _stream = stream;
            _start = _end = 0;
            _decoder.Reset();
        }

        public T? Deserialize<T>()
        {
            using var json = new JsonTextReader(this)
            {
                ArrayPool = JsonCharPool.Instance,
                CloseInput = false,
                MaxDepth = GeminiJson.MaxDepth,
                DateParseHandling = DateParseHandling.None,
            };
            return GeminiJson.Serializer.Deserialize<T>(json);
        }

        public ChatCompletionChunk? DeserializeEvent(ReadOnlySpan<byte> data)
        {
            if (data.SequenceEqual(Done))
            {
                return null;
            }

            Rent(data.Length);
            try
            {
                data.CopyTo(_bytes);
                _stream = null;
                _start = 0;
                _end = data.Length;
                _decoder.Reset();
                return Deserialize<ChatCompletionChunk>();
            }
            finally
            {
                Return();
            }
        }

        public override int Read(char[] buffer, int index, int count)
        {
            while (true)
            {
                if (_start == _end)
                {
                    _start = 0;
                    _end = _stream?.Read(_bytes, 0, _bytes.Length) ?? 0;
                    if (_end == 0)
                    {
                        return 0;
                    }
                }

                _decoder.Convert(_bytes, _start, _end - _start, buffer, index, count, false, out var used, out var chars, out _);
                _start += used;
                if (chars > 0)
                {
                    return chars;
                }
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Return();
            }

            base.Dispose(disposing);
        }

        private void Rent(int length)
        {
            Return();
            _bytes = ArrayPool<byte>.Shared.Rent(length);
        }

        private void Return()
        {
            if (_bytes.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_bytes);
                _bytes = [];
            }
        }
    }
}
