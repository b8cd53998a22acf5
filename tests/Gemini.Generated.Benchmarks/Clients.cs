using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Generic;
using System.Net.Http;
using OpenAI;
using OpenAI.Chat;

namespace Gemini.Generated.Benchmarks;

/// <summary>The contenders, each over the HttpClient it is given, set up the same way in every mode.</summary>
public static class Clients
{
    public const string Key = "benchmark-key-0123456789";

    public const string OpenAiName = "OpenAI SDK 2.15.0";

    public static ChatClient OpenAi(HttpClient http) => new("google/gemini-2.5-flash", new ApiKeyCredential(Key), new OpenAIClientOptions
    {
        Endpoint = new Uri("http://127.0.0.1/v1"),
        Transport = new HttpClientPipelineTransport(http),
    });

    public static GeminiClient Gemini(HttpClient http) =>
        new(new GeminiClientOptions { BaseUrl = new Uri("http://127.0.0.1"), ApiKey = Key, HttpClient = http });

    /// <summary>A stream of each contender, as a function that starts one; used by the scale and latency modes.</summary>
    public static IReadOnlyList<(string Name, Func<IAsyncEnumerable<object>> Start)> Streams(Func<HttpClient> http)
    {
        var openAi = OpenAi(http());
        var gemini = Gemini(http());
        var limitHttp = http();
        return
        [
            (OpenAiName, () => openAi.CompleteChatStreamingAsync(new UserChatMessage("Hi"))),
            ("Gemini.Generated", () => gemini.CompleteStreamingAsync("Hi")),
            ("limit of our stack", () => StackLimit.StreamAsync(limitHttp, "Hi")),
        ];
    }
}
