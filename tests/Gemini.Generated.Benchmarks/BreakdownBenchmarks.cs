using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Newtonsoft.Json;

namespace Gemini.Generated.Benchmarks;

/// <summary>Where the time of case (a) goes: the pieces of one call, measured alone.</summary>
[MemoryDiagnoser]
public class Breakdown
{
    private readonly ChatCompletionRequest _request = new(ChatMessage.User("Hi")) { Model = GeminiModels.Gemini25Flash, MaxCompletionTokens = 15000 };
    private readonly byte[] _body = Payloads.ShortAnswer;
    private GeminiTransport _transport = null!;
    private GeminiClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        var http = new HttpClient(new CachedResponseHandler(_body, "application/json"));
        _transport = new GeminiTransport(new GeminiClientOptions { BaseUrl = new Uri("http://127.0.0.1"), HttpClient = http, MaxResponseBytes = long.MaxValue }, "benchmark-key-0123456789");
        _client = new GeminiClient(new GeminiClientOptions { BaseUrl = new Uri("http://127.0.0.1"), ApiKey = "benchmark-key-0123456789", HttpClient = http });
    }

    [Benchmark]
    public void Validate() => RequestValidator.Validate(_request);

    [Benchmark]
    public string SerializeRequest() => JsonConvert.SerializeObject(_request, GeminiJson.Settings);

    [Benchmark]
    public ChatCompletion? ParseResponse() => JsonBodyReader.Parse<ChatCompletion>(_body, _body.Length).Value;

    [Benchmark]
    public ChatCompletionRequest Copy() => _request.CopyForSending();

    [Benchmark]
    public Task<ChatCompletion> GeneratedClientOnly() => new ChatCompletionsClient(_transport, new CallContext(null)).CreateChatCompletionAsync(_request, CancellationToken.None);

    [Benchmark]
    public async Task<ChatCompletion> GeneratedClientWithTimeoutToken()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.CancelAfter(TimeSpan.FromMinutes(5));
        return await new ChatCompletionsClient(_transport, new CallContext(null)).CreateChatCompletionAsync(_request, cancellation.Token).ConfigureAwait(false);
    }

    [Benchmark]
    public Task<ChatCompletion> FullCall() => _client.CompleteAsync(_request);

    [Benchmark]
    public void CancellationTimer()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.CancelAfter(TimeSpan.FromMinutes(5));
    }
}
