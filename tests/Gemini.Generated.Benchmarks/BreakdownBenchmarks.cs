using System.IO;
using BenchmarkDotNet.Attributes;
using Newtonsoft.Json;

namespace Gemini.Generated.Benchmarks;

/// <summary>Where the time of case (a) goes: the pieces of one call, measured alone.</summary>
[MemoryDiagnoser]
public class Breakdown
{
    private readonly ChatCompletionRequest _request = new(ChatMessage.User("Hi")) { Model = GeminiModels.Gemini25Flash, MaxCompletionTokens = 15000 };
    private readonly byte[] _body = Payloads.ShortAnswer;

    [Benchmark]
    public void Validate() => RequestValidator.Validate(_request);

    [Benchmark]
    public string SerializeRequest() => JsonConvert.SerializeObject(_request, GeminiJson.Settings);

    [Benchmark]
    public ChatCompletion? ParseResponse() => JsonBodyReader.Parse<ChatCompletion>(_body, _body.Length).Value;

    [Benchmark]
    public ChatCompletionRequest Copy() => _request.CopyForSending();
}
