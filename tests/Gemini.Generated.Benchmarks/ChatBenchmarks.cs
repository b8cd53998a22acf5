using System.Net.Http;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using OpenAI.Chat;

namespace Gemini.Generated.Benchmarks;

/// <summary>
/// Each case side by side with the OpenAI .NET SDK (the baseline, ratio 1.00), the limit of our stack (see <see cref="StackLimit"/>;
/// the "vs limit" column is the ratio to it) and a floor that only moves bytes. One in-process handler serves the same bytes to all.
/// </summary>
[MemoryDiagnoser]
public abstract class ChatBenchmark
{
    protected abstract byte[] Body { get; }

    protected virtual string MediaType => "application/json";

    protected HttpClient Http { get; private set; } = null!;

    protected ChatClient OpenAi { get; private set; } = null!;

    protected GeminiClient Gemini { get; private set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        Http = new HttpClient(new CachedResponseHandler(Body, MediaType));
        OpenAi = Clients.OpenAi(Http);
        Gemini = Clients.Gemini(Http);
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

/// <summary>A completion answer: the three contenders read the same JSON and return the answer's text.</summary>
public abstract class AnswerBenchmark : ChatBenchmark
{
    [Benchmark(Baseline = true, Description = Clients.OpenAiName)]
    public async Task<string> OpenAiSdk() => (await OpenAi.CompleteChatAsync(new UserChatMessage("Hi")).ConfigureAwait(false)).Value.Content[0].Text;

    [Benchmark(Description = "Gemini.Generated")]
    public async Task<string> GeminiGenerated() => (await Gemini.CompleteAsync("Hi").ConfigureAwait(false)).Text;

    [Benchmark(Description = "limit of our stack")]
    public async Task<string?> Limit() => (await StackLimit.CompleteAsync(Http, "Hi").ConfigureAwait(false))?.Text;
}

/// <summary>(a) A short answer, 720 B of JSON.</summary>
public class ShortAnswer : AnswerBenchmark
{
    protected override byte[] Body => Payloads.ShortAnswer;
}

/// <summary>(b) A long answer: 16 KB of markdown-like content.</summary>
public class LongAnswer : AnswerBenchmark
{
    protected override byte[] Body => Payloads.LongAnswer;
}

/// <summary>(d) A tool-call answer: two function calls, no content; each contender returns the first call's arguments.</summary>
public class ToolCallAnswer : ChatBenchmark
{
    protected override byte[] Body => Payloads.ToolCallAnswer;

    [Benchmark(Baseline = true, Description = Clients.OpenAiName)]
    public async Task<string> OpenAiSdk() => (await OpenAi.CompleteChatAsync(new UserChatMessage("Hi")).ConfigureAwait(false)).Value.ToolCalls[0].FunctionArguments.ToString();

    [Benchmark(Description = "Gemini.Generated")]
    public async Task<string?> GeminiGenerated() => (await Gemini.CompleteAsync("Hi").ConfigureAwait(false)).FirstChoice?.Message?.ToolCalls?[0].Function?.Arguments;

    [Benchmark(Description = "limit of our stack")]
    public async Task<string?> Limit() => (await StackLimit.CompleteAsync(Http, "Hi").ConfigureAwait(false))?.FirstChoice?.Message?.ToolCalls?[0].Function?.Arguments;
}

/// <summary>(c) A stream: 500 content chunks, a usage chunk and [DONE], enumerated to the end.</summary>
public class StreamAnswer : ChatBenchmark
{
    protected override byte[] Body => Payloads.Stream;

    protected override string MediaType => "text/event-stream";

    [Benchmark(Baseline = true, Description = Clients.OpenAiName)]
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

    [Benchmark(Description = "limit of our stack")]
    public async Task<int> Limit()
    {
        var length = 0;
        await foreach (var chunk in StackLimit.StreamAsync(Http, "Hi").ConfigureAwait(false))
        {
            length += chunk.Text.Length;
        }

        return length;
    }
}
