using System.Text;
using BenchmarkDotNet.Attributes;

namespace Gemini.Generated.Benchmarks;

/// <summary>Where the time of case (c) goes, per chunk.</summary>
[MemoryDiagnoser]
public class ChunkBreakdown
{
    private readonly byte[] _chunk = Encoding.UTF8.GetBytes(
        """{"id":"chatcmpl-stream","object":"chat.completion.chunk","created":1762343744,"model":"google/gemini-2.5-flash","choices":[{"index":0,"delta":{"content":"piece 7 of the \"answer\"\n"},"finish_reason":null}]}""");

    private readonly ChunkParser _parser = new();
    private readonly ChatCompletionAccumulator _accumulator = new();
    private ChatCompletionChunk _parsed = null!;

    [GlobalSetup]
    public void Setup() => _parsed = _parser.Parse("message", _chunk).Chunk!;

    [Benchmark]
    public ChatCompletionChunk? ParseChunk() => _parser.Parse("message", _chunk).Chunk;

    [Benchmark]
    public void Accumulate() => _accumulator.Append(_parsed);
}
