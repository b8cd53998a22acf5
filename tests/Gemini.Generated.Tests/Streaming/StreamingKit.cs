using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Support;

namespace Gemini.Generated.Tests.Streaming;

/// <summary>Clients and servers for the streaming tests: real HTTP on 127.0.0.1, no real backoff, bounded waits.</summary>
internal static class StreamingKit
{
    /// <summary>How long a test waits for something the server or the client should do; only a failing test waits this long.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Shared by every client here. It drains nothing from a response disposed unread, so disposing a stream's response
    /// closes its connection at once, and a server can observe that the SDK disposed it.
    /// </summary>
    private static readonly HttpClient Http = new(new SocketsHttpHandler { MaxResponseDrainSize = 0 }) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>Fast retries and the shared HttpClient; apply it to any options (for example <see cref="TestClient"/>).</summary>
    public static void Configure(GeminiClientOptions options)
    {
        options.HttpClient = Http;
        options.RetryPolicy = new RetryPolicy { InitialBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(5) };
    }

    /// <summary>Reads a stream to its end.</summary>
    public static async Task<List<ChatCompletionChunk>> ReadAllAsync(this ChatStream stream, CancellationToken cancellationToken = default)
    {
        var chunks = new List<ChatCompletionChunk>();
        await foreach (var chunk in stream.WithCancellation(cancellationToken))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    /// <summary>A server that answers each request with an event stream of <paramref name="parts"/>, one HTTP chunk (one write) each.</summary>
    public static RawHttpServer Serve(params string[] parts) => Serve(parts.Select(Encoding.UTF8.GetBytes).ToArray());

    /// <summary>A server that answers each request with an event stream of <paramref name="parts"/>, one HTTP chunk (one write) each.</summary>
    public static RawHttpServer Serve(params byte[][] parts) => new(async connection =>
    {
        await connection.ReadRequestAsync();
        await connection.WriteChunkedHeadAsync();
        foreach (var part in parts)
        {
            await connection.WriteChunkAsync(part);
        }

        await connection.EndChunksAsync();
    });

    /// <summary>Streams a completion from a server that sends <paramref name="parts"/> as the body, one HTTP chunk (one write) each.</summary>
    public static Task<StreamResult> StreamAsync(params string[] parts) =>
        StreamAsync(parts.Select(Encoding.UTF8.GetBytes).ToArray());

    /// <summary>Streams a completion from a server that sends <paramref name="parts"/> as the body, one HTTP chunk (one write) each.</summary>
    public static async Task<StreamResult> StreamAsync(params byte[][] parts)
    {
        await using var server = Serve(parts);
        var stream = TestClient.Create(server.Url, Configure).CompleteStreamingAsync("Hi");
        var chunks = await stream.ReadAllAsync();
        return new StreamResult(stream, chunks);
    }

    /// <summary>Completes with true when the client closes or resets the connection, false when it sends another request on it.</summary>
    public static async Task<bool> ClosedByClientAsync(this RawConnection connection)
    {
        try
        {
            await connection.ReadRequestAsync();
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Waits for <paramref name="task"/>, at most <see cref="Guard"/>.</summary>
    public static Task<T> Within<T>(this Task<T> task) => task.WaitAsync(Guard);

    /// <summary>Waits for <paramref name="task"/>, at most <see cref="Guard"/>.</summary>
    public static Task Within(this Task task) => task.WaitAsync(Guard);
}

/// <summary>What a stream read to its end gave.</summary>
internal sealed record StreamResult(ChatStream Stream, IReadOnlyList<ChatCompletionChunk> Chunks)
{
    public ChatCompletion Completion => Stream.Completion ?? throw new InvalidOperationException("The stream has no completion.");
}

/// <summary>
/// A server that answers one streaming request and holds it open: it sends the head (unless told not to) and the given body,
/// then writes nothing more until the test calls <see cref="Release"/> or the client closes the connection; after
/// <see cref="StreamingKit.Guard"/> it resets the connection.
/// </summary>
internal sealed class HeldStreamServer : IAsyncDisposable
{
    private readonly TaskCompletionSource _requested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<bool> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly RawHttpServer _server;

    /// <param name="sendHead">False to hold before the response head: the request is received and never answered.</param>
    /// <param name="body">What the body starts with, each a write of its own.</param>
    public HeldStreamServer(bool sendHead, params string[] body)
    {
        _server = new RawHttpServer(async connection =>
        {
            await connection.ReadRequestAsync();
            _requested.TrySetResult();
            if (sendHead)
            {
                await connection.WriteChunkedHeadAsync(headers: ("x-inference-id", "held-1"));
                foreach (var part in body)
                {
                    await connection.WriteChunkAsync(part);
                }
            }

            var closed = connection.ClosedByClientAsync();
            var held = await Task.WhenAny(closed, _release.Task, Task.Delay(StreamingKit.Guard));
            if (held == _release.Task)
            {
                await connection.WriteChunkAsync(await _release.Task);
                await connection.EndChunksAsync();
            }
            else if (held == closed)
            {
                _closed.TrySetResult(await closed);
            }
            else
            {
                // Held too long: a client that waits for the whole body would hang; the reset fails its test instead.
                connection.Reset();
            }
        });
    }

    public Uri Url => _server.Url;

    /// <summary>Completes when the request has arrived.</summary>
    public Task Requested => _requested.Task;

    /// <summary>True once the client closed the held connection: the SDK disposed the response (or cancelled the request).</summary>
    public Task<bool> ClientClosed => _closed.Task;

    public int ConnectionCount => _server.ConnectionCount;

    /// <summary>Writes <paramref name="rest"/> and ends the body.</summary>
    public void Release(string rest) => _release.TrySetResult(rest);

    public ValueTask DisposeAsync()
    {
        _release.TrySetCanceled();
        return _server.DisposeAsync();
    }
}
