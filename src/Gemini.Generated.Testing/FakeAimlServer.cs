using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using WireMock;
using WireMock.Models;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace Gemini.Generated.Testing;

/// <summary>
/// A fake of the AI/ML API chat endpoint on a real HTTP server (WireMock) at a random port on 127.0.0.1. Script what it answers
/// with <see cref="Enqueue"/> (replies are served in order, then <see cref="DefaultReply"/>), point a client at it with
/// <see cref="CreateClient"/>, and inspect what it received in <see cref="Requests"/>. It behaves like the service where that
/// matters to a client: the 512-token default limit that reasoning can exhaust, the documented error body, the tracing and cost
/// headers, streams that end with a usage chunk carrying <c>meta.usage</c> and <c>[DONE]</c>.
/// </summary>
/// <example>
/// <code>
/// using var server = FakeAimlServer.Start();
/// server.Enqueue(FakeReply.Completion("Hello!"));
/// var client = server.CreateClient();
/// var completion = await client.CompleteAsync("Hi");
/// Assert.That(server.Requests[0].Chat!.Messages.Count, Is.EqualTo(1));
/// </code>
/// </example>
public sealed class FakeAimlServer : IDisposable
{
    /// <summary>The key <see cref="CreateClient"/> uses.</summary>
    public const string DefaultApiKey = "fake-aiml-api-key-0123456789";

    /// <summary>The limit the service applies when a request sets none.</summary>
    public const int ServiceDefaultTokenLimit = 512;

    private readonly ConcurrentQueue<FakeReply> _replies = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<FakeRequest> _requests = new();
    private readonly object _requestsLock = new();
    private int _sequence;

    private FakeAimlServer(WireMockServer server)
    {
        WireMock = server;
        Url = new Uri(server.Url!);
        foreach (var path in new[] { "/v1/chat/completions", "/chat/completions" })
        {
            server.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(Response.Create().WithCallback(HandleAsync));
        }
    }

    /// <summary>The server's base URL, for <see cref="GeminiClientOptions.BaseUrl"/>.</summary>
    public Uri Url { get; }

    /// <summary>The WireMock server underneath, for anything this class does not cover.</summary>
    public WireMockServer WireMock { get; }

    /// <summary>When set, a request without <c>Authorization: Bearer</c> this key gets a 401.</summary>
    public string? RequiredApiKey { get; set; }

    /// <summary>The reply when no scripted reply is left. Default: a short completion.</summary>
    public FakeReply DefaultReply { get; set; } = FakeReply.Completion("Hello from the fake AI/ML API.");

    /// <summary>
    /// Builds the reply from the request when no scripted reply is left, in place of <see cref="DefaultReply"/>: for an echo, or a
    /// reply that depends on what was asked.
    /// </summary>
    public Func<FakeRequest, FakeReply>? ReplyFactory { get; set; }

    /// <summary>The requests received, in order.</summary>
    public IReadOnlyList<FakeRequest> Requests
    {
        get
        {
            lock (_requestsLock)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>How many scripted replies are not served yet.</summary>
    public int PendingReplies => _replies.Count;

    /// <summary>Starts a server on 127.0.0.1 at a free port.</summary>
    public static FakeAimlServer Start() =>
        new(WireMockServer.Start(new WireMockServerSettings { Urls = new[] { "http://127.0.0.1:0" }, StartAdminInterface = false }));

    /// <summary>Scripts the next replies, served in order, one per request.</summary>
    public FakeAimlServer Enqueue(params FakeReply[] replies)
    {
        foreach (var reply in replies ?? throw new ArgumentNullException(nameof(replies)))
        {
            _replies.Enqueue(reply ?? throw new ArgumentNullException(nameof(replies)));
        }

        return this;
    }

    /// <summary>Options for a client of this server: its URL and <see cref="DefaultApiKey"/>.</summary>
    public GeminiClientOptions CreateClientOptions() => new() { BaseUrl = Url, ApiKey = RequiredApiKey ?? DefaultApiKey };

    /// <summary>A client of this server; <paramref name="configure"/> can change any option.</summary>
    public GeminiClient CreateClient(Action<GeminiClientOptions>? configure = null)
    {
        var options = CreateClientOptions();
        configure?.Invoke(options);
        return new GeminiClient(options);
    }

    /// <summary>Forgets scripted replies and received requests.</summary>
    public void Reset()
    {
        while (_replies.TryDequeue(out _))
        {
        }

        lock (_requestsLock)
        {
            _requests.Clear();
        }
    }

    /// <summary>Stops the server.</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        WireMock.Stop();
        WireMock.Dispose();
        _stopping.Dispose();
    }

    private async Task<IResponseMessage> HandleAsync(IRequestMessage message)
    {
        var headers = (message.Headers ?? new Dictionary<string, WireMockList<string>>())
            .ToDictionary(h => h.Key, h => h.Value.FirstOrDefault() ?? string.Empty, StringComparer.OrdinalIgnoreCase);
        var body = message.Body ?? string.Empty;
        JObject? json = null;
        ChatCompletionRequest? chat = null;
        try
        {
            json = JObject.Parse(body);
            chat = json.ToObject<ChatCompletionRequest>();
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
        }

        var received = new FakeRequest(message.Method, message.Path, headers, body, json, chat);
        lock (_requestsLock)
        {
            _requests.Add(received);
        }

        var number = Interlocked.Increment(ref _sequence);
        var inferenceId = $"fake-inference-{number:D4}";
        if (RequiredApiKey is not null && (!headers.TryGetValue("Authorization", out var authorization) || authorization != "Bearer " + RequiredApiKey))
        {
            return Json(401, ErrorBody(401, "Unauthorized: missing or invalid API key.", message.Path), inferenceId, null, null);
        }

        if (json is null || json["messages"] is not JArray { Count: > 0 })
        {
            return Json(400, ErrorBody(400, "Body validation error: messages: Required, expected a non-empty array.", message.Path), inferenceId, null, null);
        }

        var reply = _replies.TryDequeue(out var next) ? next : ReplyFactory?.Invoke(received) ?? DefaultReply;
        if (reply.Latency > TimeSpan.Zero)
        {
            await Task.Delay(reply.Latency).ConfigureAwait(false);
        }

        inferenceId = reply.InferenceId ?? inferenceId;
        headers.TryGetValue("X-Client-Request-Id", out var clientRequestId);
        // Like the service: an id outside the documented alphabet or length is dropped silently.
        var echoedId = ChatRequestOptions.IsValidClientRequestId(clientRequestId) ? clientRequestId : null;

        switch (reply.Kind)
        {
            case FakeReplyKind.Error:
                var error = Json(reply.StatusCode, ErrorBody(reply.StatusCode, reply.ErrorMessage ?? "Error", message.Path), inferenceId, echoedId, reply);
                if (reply.RetryAfter is not null)
                {
                    error.Headers!["Retry-After"] = new WireMockList<string>(reply.RetryAfter);
                }

                return error;
            case FakeReplyKind.Raw:
                return Text(reply.StatusCode, reply.Body ?? string.Empty, reply.ContentType, inferenceId, echoedId, reply);
        }

        var result = Render(reply, json, chat);
        return json["stream"]?.Type == JTokenType.Boolean && (bool)json["stream"]!
            ? Stream(reply, result, json, inferenceId, echoedId, _stopping.Token)
            : Completion(reply, result, inferenceId, echoedId);
    }

    /// <summary>Applies the token limit the way the service does: reasoning first, then the visible answer, up to the limit.</summary>
    private static RenderedReply Render(FakeReply reply, JObject json, ChatCompletionRequest? chat)
    {
        var limit = (int?)json["max_completion_tokens"] ?? (int?)json["max_tokens"] ?? ServiceDefaultTokenLimit;
        var prompt = reply.PromptTokens ?? chat?.Messages?.Sum(m => m switch
        {
            UserMessage u => FakeReply.CountTokens(u.Content?.ToString()),
            SystemMessage s => FakeReply.CountTokens(s.Content?.ToString()),
            DeveloperMessage d => FakeReply.CountTokens(d.Content?.ToString()),
            AssistantMessage a => FakeReply.CountTokens(a.Content?.ToString()),
            ToolMessage t => FakeReply.CountTokens(t.Content),
            _ => 0,
        }) ?? 0;
        var text = reply.Text;
        var finish = reply.FinishReason;
        var reasoning = reply.ReasoningTokens;
        var visible = FakeReply.CountTokens(text);
        if (reply.CompletionTokens is null && reply.ToolCalls is null && reasoning + visible > limit)
        {
            reasoning = Math.Min(reasoning, limit);
            text = FakeReply.FirstTokens(text, limit - reasoning);
            visible = FakeReply.CountTokens(text);
            finish = "length";
        }

        var completion = reply.CompletionTokens ?? reasoning + visible;
        var credits = reply.CreditsUsed ?? (prompt * 2) + (completion * 16);
        var usd = reply.UsdSpent ?? Math.Round((prompt * 0.0000003m) + (completion * 0.0000025m), 9);
        return new RenderedReply(text, finish, prompt, completion, reasoning, credits, usd);
    }

    private static IResponseMessage Completion(FakeReply reply, RenderedReply rendered, string inferenceId, string? clientRequestId)
    {
        var completion = new JObject
        {
            ["id"] = "chatcmpl-fake-" + inferenceId,
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = GeminiModels.Gemini25Flash,
            ["choices"] = new JArray(new JObject
            {
                ["index"] = 0,
                ["finish_reason"] = rendered.FinishReason is null ? JValue.CreateNull() : rendered.FinishReason,
                ["logprobs"] = JValue.CreateNull(),
                ["message"] = new JObject
                {
                    ["role"] = "assistant",
                    ["content"] = reply.ToolCalls is not null || reply.Refusal is not null ? JValue.CreateNull() : rendered.Text,
                    ["refusal"] = reply.Refusal is null ? JValue.CreateNull() : reply.Refusal,
                    ["tool_calls"] = reply.ToolCalls is null ? JValue.CreateNull() : JArray.FromObject(reply.ToolCalls),
                },
            }),
            ["usage"] = Usage(rendered),
            ["meta"] = Meta(rendered),
        };
        AddExtraFields(completion, reply);
        var response = Text(200, completion.ToString(Formatting.None), "application/json", inferenceId, clientRequestId, reply);
        response.Headers!["x-aimlapi-credits-used"] = new WireMockList<string>(rendered.Credits.ToString(CultureInfo.InvariantCulture));
        response.Headers["x-aimlapi-usd-spent"] = new WireMockList<string>(rendered.Usd.ToString("0.000000000", CultureInfo.InvariantCulture));
        return response;
    }

    private static IResponseMessage Stream(FakeReply reply, RenderedReply rendered, JObject request, string inferenceId, string? clientRequestId, CancellationToken stopping)
    {
        var includeUsage = request["stream_options"]?["include_usage"]?.Type == JTokenType.Boolean && (bool)request["stream_options"]!["include_usage"]!;
        var id = "chatcmpl-fake-" + inferenceId;
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var queue = new ScriptedQueue();

        JObject Chunk(JObject? delta, string? finishReason, bool withChoice = true)
        {
            var chunk = new JObject
            {
                ["id"] = id,
                ["object"] = "chat.completion.chunk",
                ["created"] = created,
                ["model"] = GeminiModels.Gemini25Flash,
                ["choices"] = withChoice
                    ? new JArray(new JObject { ["index"] = 0, ["delta"] = delta ?? new JObject(), ["finish_reason"] = finishReason is null ? JValue.CreateNull() : finishReason })
                    : new JArray(),
            };
            AddExtraFields(chunk, reply);
            return chunk;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                queue.Write(Event(Chunk(new JObject { ["role"] = "assistant", ["content"] = string.Empty }, null)));
                if (reply.ToolCalls is { } calls)
                {
                    for (var i = 0; i < calls.Count; i++)
                    {
                        await Pause(reply, stopping).ConfigureAwait(false);
                        queue.Write(Event(Chunk(new JObject
                        {
                            ["tool_calls"] = new JArray(new JObject
                            {
                                ["index"] = i,
                                ["id"] = calls[i].Id,
                                ["type"] = "function",
                                ["function"] = new JObject { ["name"] = calls[i].Function?.Name, ["arguments"] = string.Empty },
                            }),
                        }, null)));
                        foreach (var piece in Split(calls[i].Function?.Arguments ?? string.Empty, 8))
                        {
                            await Pause(reply, stopping).ConfigureAwait(false);
                            queue.Write(Event(Chunk(new JObject
                            {
                                ["tool_calls"] = new JArray(new JObject { ["index"] = i, ["function"] = new JObject { ["arguments"] = piece } }),
                            }, null)));
                        }
                    }
                }
                else
                {
                    var pieces = rendered.Text == reply.Text ? reply.StreamPieces() : Split(rendered.Text, 12);
                    foreach (var piece in pieces)
                    {
                        await Pause(reply, stopping).ConfigureAwait(false);
                        queue.Write(Event(Chunk(new JObject { ["content"] = piece }, null)));
                    }

                    if (reply.Refusal is not null)
                    {
                        queue.Write(Event(Chunk(new JObject { ["refusal"] = reply.Refusal }, null)));
                    }
                }

                switch (reply.Ending)
                {
                    case FakeStreamEnding.Abrupt:
                        queue.Close();
                        return;
                    case FakeStreamEnding.Error:
                        queue.Write(Event(new JObject { ["error"] = new JObject { ["message"] = reply.StreamErrorMessage, ["type"] = "server_error" } }));
                        queue.Close();
                        return;
                    case FakeStreamEnding.Disconnect:
                        queue.Fail();
                        return;
                }

                queue.Write(Event(Chunk(new JObject(), rendered.FinishReason)));
                if (includeUsage)
                {
                    var usage = Chunk(null, null, withChoice: false);
                    usage["usage"] = Usage(rendered);
                    usage["meta"] = Meta(rendered);
                    queue.Write(Event(usage));
                }

                queue.Write("data: [DONE]\n\n");
                queue.Close();
            }
            catch (Exception)
            {
                queue.Fail();
            }
        });

        var response = new ResponseMessage
        {
            StatusCode = 200,
            Headers = BaseHeaders("text/event-stream", inferenceId, clientRequestId, reply),
            BodyData = new BodyData { DetectedBodyType = BodyType.SseString, SseStringQueue = queue },
        };
        response.Headers["Cache-Control"] = new WireMockList<string>("no-cache");
        return response;
    }

    /// <summary>The pause before a chunk; a stopped server ends its streams' producers (the catch below fails the stream).</summary>
    private static Task Pause(FakeReply reply, CancellationToken stopping)
    {
        stopping.ThrowIfCancellationRequested();
        return reply.ChunkDelay > TimeSpan.Zero ? Task.Delay(reply.ChunkDelay, stopping) : Task.CompletedTask;
    }

    private static string Event(JObject data) => "data: " + data.ToString(Formatting.None) + "\n\n";

    private static IEnumerable<string> Split(string text, int size)
    {
        for (var i = 0; i < text.Length; i += size)
        {
            yield return text.Substring(i, Math.Min(size, text.Length - i));
        }
    }

    private static JObject Usage(RenderedReply rendered) => new()
    {
        ["prompt_tokens"] = rendered.PromptTokens,
        ["completion_tokens"] = rendered.CompletionTokens,
        ["total_tokens"] = rendered.PromptTokens + rendered.CompletionTokens,
        ["completion_tokens_details"] = new JObject { ["reasoning_tokens"] = rendered.ReasoningTokens },
    };

    private static JObject Meta(RenderedReply rendered) => new()
    {
        ["usage"] = new JObject { ["credits_used"] = rendered.Credits, ["usd_spent"] = rendered.Usd },
    };

    private static void AddExtraFields(JObject target, FakeReply reply)
    {
        foreach (var field in reply.ExtraFields)
        {
            target[field.Key] = field.Value is null ? JValue.CreateNull() : JToken.FromObject(field.Value);
        }
    }

    private static JObject ErrorBody(int status, string message, string path) => new()
    {
        ["message"] = message,
        ["path"] = path,
        ["requestId"] = "fake-request-" + Guid.NewGuid().ToString("N").Substring(0, 12),
        ["statusCode"] = status.ToString(CultureInfo.InvariantCulture),
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
    };

    private static ResponseMessage Json(int status, JObject body, string inferenceId, string? clientRequestId, FakeReply? reply) =>
        Text(status, body.ToString(Formatting.None), "application/json", inferenceId, clientRequestId, reply);

    private static ResponseMessage Text(int status, string body, string contentType, string inferenceId, string? clientRequestId, FakeReply? reply) => new()
    {
        StatusCode = status,
        Headers = BaseHeaders(contentType, inferenceId, clientRequestId, reply),
        BodyData = new BodyData { DetectedBodyType = BodyType.String, BodyAsString = body, Encoding = new System.Text.UTF8Encoding(false) },
    };

    private static Dictionary<string, WireMockList<string>> BaseHeaders(string contentType, string inferenceId, string? clientRequestId, FakeReply? reply)
    {
        var headers = new Dictionary<string, WireMockList<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["x-inference-id"] = new(inferenceId),
        };
        if (contentType.Length > 0)
        {
            headers["Content-Type"] = new(contentType);
        }

        if (clientRequestId is not null)
        {
            headers["x-client-request-id"] = new(clientRequestId);
        }

        foreach (var header in reply?.Headers ?? new Dictionary<string, string>())
        {
            headers[header.Key] = new(header.Value);
        }

        return headers;
    }

    private sealed record RenderedReply(string Text, string? FinishReason, int PromptTokens, int CompletionTokens, int ReasoningTokens, decimal Credits, decimal Usd);

    /// <summary>Feeds WireMock's streamed body; <see cref="Fail"/> makes its next read throw, which drops the connection mid-stream.</summary>
    private sealed class ScriptedQueue : IBlockingQueue<string?>
    {
        private readonly BlockingCollection<string> _items = new();
        private volatile bool _failed;

        public void Write(string? item)
        {
            if (item is not null && !_items.IsAddingCompleted)
            {
                _items.Add(item);
            }
        }

        public bool TryRead([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? item)
        {
            if (_items.TryTake(out var next, TimeSpan.FromMinutes(5)))
            {
                item = next;
                return true;
            }

            if (_failed)
            {
                throw new IOException("FakeAimlServer dropped the connection mid-stream.");
            }

            item = null;
            return false;
        }

        public void Close() => _items.CompleteAdding();

        public void Fail()
        {
            _failed = true;
            _items.CompleteAdding();
        }
    }
}
