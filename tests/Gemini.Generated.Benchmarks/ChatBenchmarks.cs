using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using OpenAI;
using OpenAI.Chat;

namespace Gemini.Generated.Benchmarks;

/// <summary>Each case side by side with the OpenAI .NET SDK (the baseline, ratio 1.00) and a floor that only moves bytes.</summary>
[MemoryDiagnoser]
public abstract class ChatBenchmark
{
    private const string Key = "benchmark-key-0123456789";

    protected abstract byte[] Body { get; }

    protected virtual string MediaType => "application/json";

    protected HttpClient Http { get; private set; } = null!;

    protected ChatClient OpenAi { get; private set; } = null!;

    protected GeminiClient Gemini { get; private set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        Http = new HttpClient(new CachedResponseHandler(Body, MediaType));
        OpenAi = new ChatClient("google/gemini-2.5-flash", new ApiKeyCredential(Key), new OpenAIClientOptions
        {
            Endpoint = new Uri("http://127.0.0.1/v1"),
            Transport = new HttpClientPipelineTransport(Http),
        });
        Gemini = new GeminiClient(new GeminiClientOptions { BaseUrl = new Uri("http://127.0.0.1"), ApiKey = Key, HttpClient = Http });
    }

    /// <summary>Bare HttpClient, bytes in and out: what any SDK costs at least.</summary>
    [Benchmark(Description = "floor: HttpClient bytes")]
    public async Task<int> Floor()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1/v1/chat/completions")
        {
            Content = new StringContent("""{"model":"google/gemini-2.5-flash","messages":[{"role":"user","content":"Hi"}]}"""),
        };
        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        var buffer = new byte[4096];
        var total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        return total;
    }
}

/// <summary>(a) A short answer, 720 B of JSON.</summary>
public class ShortAnswer : ChatBenchmark
{
    protected override byte[] Body => Payloads.ShortAnswer;

    [Benchmark(Baseline = true, Description = "OpenAI SDK 2.15.0")]
    public async Task<string> OpenAiSdk() => (await OpenAi.CompleteChatAsync(new UserChatMessage("Hi")).ConfigureAwait(false)).Value.Content[0].Text;

    [Benchmark(Description = "Gemini.Generated")]
    public async Task<string> GeminiGenerated() => (await Gemini.CompleteAsync("Hi").ConfigureAwait(false)).Text;
}

/// <summary>(b) A long answer: 16 KB of markdown-like content.</summary>
public class LongAnswer : ChatBenchmark
{
    protected override byte[] Body => Payloads.LongAnswer;

    [Benchmark(Baseline = true, Description = "OpenAI SDK 2.15.0")]
    public async Task<string> OpenAiSdk() => (await OpenAi.CompleteChatAsync(new UserChatMessage("Hi")).ConfigureAwait(false)).Value.Content[0].Text;

    [Benchmark(Description = "Gemini.Generated")]
    public async Task<string> GeminiGenerated() => (await Gemini.CompleteAsync("Hi").ConfigureAwait(false)).Text;
}

/// <summary>(c) A stream: 500 content chunks, a usage chunk and [DONE], enumerated to the end.</summary>
public class StreamAnswer : ChatBenchmark
{
    protected override byte[] Body => Payloads.Stream;

    protected override string MediaType => "text/event-stream";

    [Benchmark(Baseline = true, Description = "OpenAI SDK 2.15.0")]
    public async Task<int> OpenAiSdk()
    {
        var length = 0;
        await foreach (var update in OpenAi.CompleteChatStreamingAsync(new UserChatMessage("Hi")).ConfigureAwait(false))
        {
            foreach (var part in update.ContentUpdate)
            {
                length += part.Text.Length;
            }
        }

        return length;
    }

    [Benchmark(Description = "Gemini.Generated")]
    public async Task<int> GeminiGenerated()
    {
        var length = 0;
        await foreach (var chunk in Gemini.CompleteStreamingAsync("Hi").ConfigureAwait(false))
        {
            length += chunk.Text.Length;
        }

        return length;
    }
}
