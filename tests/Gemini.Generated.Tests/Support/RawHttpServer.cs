using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Gemini.Generated.Tests.Support;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 at a random port whose every byte the test scripts: hold a response body until the
/// test says so, split bytes anywhere, drop or reset the connection. For what WireMock cannot do.
/// </summary>
internal sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<RawConnection, Task> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly ConcurrentBag<Task> _connections = new();
    private int _connectionCount;

    public RawHttpServer(Func<RawConnection, Task> handler)
    {
        _handler = handler;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    public Uri Url { get; }

    public int ConnectionCount => _connectionCount;

    public ConcurrentQueue<RawRequest> Requests { get; } = new();

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (Exception)
        {
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception)
            {
                return;
            }

            Interlocked.Increment(ref _connectionCount);
            _connections.Add(Task.Run(async () =>
            {
                using (client)
                {
                    var connection = new RawConnection(client, this);
                    try
                    {
                        await _handler(connection).ConfigureAwait(false);
                    }
                    catch (Exception)
                    {
                        // The client went away, or the test reset the connection.
                    }
                }
            }));
        }
    }

    internal void Record(RawRequest request) => Requests.Enqueue(request);
}

internal sealed record RawRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>One accepted connection.</summary>
internal sealed class RawConnection
{
    private readonly TcpClient _client;
    private readonly RawHttpServer _server;
    private readonly NetworkStream _stream;

    public RawConnection(TcpClient client, RawHttpServer server)
    {
        _client = client;
        _server = server;
        _stream = client.GetStream();
    }

    /// <summary>Reads the request line, headers and a Content-Length body.</summary>
    public async Task<RawRequest> ReadRequestAsync()
    {
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await _stream.ReadAsync(buffer.AsMemory(0, 1)).ConfigureAwait(false) == 0)
            {
                throw new IOException("The client closed the connection before sending a request.");
            }

            head.Append((char)buffer[0]);
        }

        var lines = head.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var requestLine = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 1; i < lines.Length; i++)
        {
            var colon = lines[i].IndexOf(':');
            headers[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
        }

        var body = string.Empty;
        if (headers.TryGetValue("Content-Length", out var length) && int.Parse(length) > 0)
        {
            var bytes = new byte[int.Parse(length)];
            var read = 0;
            while (read < bytes.Length)
            {
                read += await _stream.ReadAsync(bytes.AsMemory(read)).ConfigureAwait(false);
            }

            body = Encoding.UTF8.GetString(bytes);
        }

        var request = new RawRequest(requestLine[0], requestLine[1], headers, body);
        _server.Record(request);
        return request;
    }

    /// <summary>Writes a status line and headers for a chunked body.</summary>
    public Task WriteChunkedHeadAsync(int status = 200, string contentType = "text/event-stream", params (string Name, string Value)[] headers)
    {
        var head = new StringBuilder($"HTTP/1.1 {status} {(status == 200 ? "OK" : "Status")}\r\nContent-Type: {contentType}\r\nTransfer-Encoding: chunked\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append("\r\n");
        return WriteRawAsync(Encoding.ASCII.GetBytes(head.ToString()));
    }

    /// <summary>Writes a complete response with a Content-Length body.</summary>
    public Task WriteResponseAsync(int status, string body, string contentType = "application/json")
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"HTTP/1.1 {status} Status\r\nContent-Type: {contentType}\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
        return WriteRawAsync(Combine(Encoding.ASCII.GetBytes(head), bytes));
    }

    /// <summary>Writes one chunk of a chunked body, and flushes it.</summary>
    public Task WriteChunkAsync(byte[] data) =>
        WriteRawAsync(Combine(Encoding.ASCII.GetBytes($"{data.Length:X}\r\n"), data, Encoding.ASCII.GetBytes("\r\n")));

    public Task WriteChunkAsync(string text) => WriteChunkAsync(Encoding.UTF8.GetBytes(text));

    /// <summary>Ends a chunked body.</summary>
    public Task EndChunksAsync() => WriteRawAsync(Encoding.ASCII.GetBytes("0\r\n\r\n"));

    public async Task WriteRawAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes).ConfigureAwait(false);
        await _stream.FlushAsync().ConfigureAwait(false);
    }

    /// <summary>Closes the connection abruptly with a TCP reset.</summary>
    public void Reset()
    {
        _client.LingerState = new LingerOption(true, 0);
        _client.Client.Close(0);
    }

    /// <summary>Closes the connection normally, whatever was written so far.</summary>
    public void Close() => _client.Client.Shutdown(SocketShutdown.Both);

    private static byte[] Combine(params byte[][] parts)
    {
        var total = new byte[parts is { Length: > 0 } ? SumLength(parts) : 0];
        var offset = 0;
        foreach (var part in parts)
        {
            Buffer.BlockCopy(part, 0, total, offset, part.Length);
            offset += part.Length;
        }

        return total;
    }

    private static int SumLength(byte[][] parts)
    {
        var sum = 0;
        foreach (var part in parts)
        {
            sum += part.Length;
        }

        return sum;
    }
}
