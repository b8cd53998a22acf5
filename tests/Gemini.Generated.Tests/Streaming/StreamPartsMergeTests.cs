using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated.Tests.Streaming;

/// <summary>
/// What the merged completion of a stream keeps that only some services send: the service tier, the log probabilities of
/// every chunk, and content streamed as parts (text, refusal and image parts, and text sent before the first part).
/// </summary>
public class StreamPartsMergeTests
{
    [Test]
    public async Task Merge_ServiceTierAndLogprobs_AreKeptFromEveryChunk()
    {
        var result = await StreamingKit.StreamAsync(
            Sse.Data("""{"id":"c1","service_tier":"default","choices":[{"index":0,"delta":{"role":"assistant","content":"Hi"},"logprobs":{"content":[{"token":"Hi","logprob":-0.1,"bytes":[72,105],"top_logprobs":[]}],"refusal":null}}]}"""),
            Sse.Data("""{"id":"c1","choices":[{"index":0,"delta":{"content":"!"},"logprobs":{"content":[{"token":"!","logprob":-0.2,"bytes":[33],"top_logprobs":[]}],"refusal":[{"token":"No","logprob":-3.0,"bytes":null,"top_logprobs":[]}]}}]}"""),
            Sse.Data("""{"id":"c1","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]}"""),
            Sse.Done);

        Assert.That(Json(result.Completion), Is.EqualTo(
            """{"id":"c1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Hi!"},"finish_reason":"stop","logprobs":{"content":[""" +
            """{"bytes":[72,105],"logprob":-0.1,"token":"Hi","top_logprobs":[]},{"bytes":[33],"logprob":-0.2,"token":"!","top_logprobs":[]}],"refusal":[""" +
            """{"logprob":-3.0,"token":"No","top_logprobs":[]}]}}],"service_tier":"default"}"""));
    }

    [Test]
    public async Task Merge_ContentStreamedAsParts_MergesAdjacentTextAndRefusalAndKeepsImagesApart()
    {
        var result = await StreamingKit.StreamAsync(
            Sse.Data("""{"id":"c1","choices":[{"index":0,"delta":{"role":"assistant","content":"Before. "}}]}"""),
            Sse.Data("""{"id":"c1","choices":[{"index":0,"delta":{"content":[{"type":"text","text":"One "},{"type":"text","text":"two."}]}}]}"""),
            Sse.Data("""{"id":"c1","choices":[{"index":0,"delta":{"content":[{"type":"refusal","refusal":"Not "},{"type":"refusal","refusal":"that."},{"type":"image_url","image_url":{"url":"https://example.com/a.png"}}]}}]}"""),
            Sse.Data("""{"id":"c1","choices":[{"index":0,"delta":{"content":[{"type":"image_url","image_url":{"url":"https://example.com/b.png"}},{"type":"text","text":"After."}]},"finish_reason":"stop"}]}"""),
            Sse.Done);

        Assert.That(Json(result.Completion), Is.EqualTo(
            """{"id":"c1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":[""" +
            """{"type":"text","text":"Before. One two."},{"type":"refusal","refusal":"Not that."},""" +
            """{"type":"image_url","image_url":{"url":"https://example.com/a.png"}},{"type":"image_url","image_url":{"url":"https://example.com/b.png"}},""" +
            """{"type":"text","text":"After."}]},"finish_reason":"stop"}]}"""));
    }

    [Test]
    public async Task Events_ThatAreBlankNullOrPaddedDone_AreSkippedOrEndTheStream()
    {
        var result = await StreamingKit.StreamAsync(
            "data: \n\n",
            "data: \t \r\n\n",
            "data: null\n\n",
            Sse.Content("Hi"),
            Sse.Finish(),
            "data:  [DONE] \t\n\n",
            Sse.Content("never read"));

        Assert.That(result.Chunks, Has.Count.EqualTo(2));
        Assert.That(result.Completion.Text, Is.EqualTo("Hi"));
        Assert.That(result.Completion.FinishReason, Is.EqualTo(FinishReason.Stop));
    }

    [Test]
    public async Task Merge_ToolCallPieces_KeepTheFirstTypeAndNameAndEveryFieldOfTheFunction()
    {
        var result = await StreamingKit.StreamAsync(
            Sse.Data("""{"id":"c1","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"ci","x_fn":"a"}}]}}]}"""),
            Sse.Data("""{"id":"c1","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"type":"other","function":{"name":"","arguments":"ty\":1}","x_fn":"b","x_once":true}}]}}]}"""),
            Sse.Data("""{"id":"c1","choices":[{"index":0,"delta":{"tool_calls":[{"index":1,"id":"call_2","function":{"name":"get_time","arguments":"{}"}}]},"finish_reason":"tool_calls"}]}"""),
            Sse.Done);

        Assert.That(Json(result.Completion), Is.EqualTo(
            """{"id":"c1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","tool_calls":[""" +
            """{"id":"call_1","type":"function","function":{"arguments":"{\"city\":1}","name":"get_weather","x_fn":"ab","x_once":true}},""" +
            """{"id":"call_2","type":"function","function":{"arguments":"{}","name":"get_time"}}]},"finish_reason":"tool_calls"}]}"""),
            "a text field streamed in pieces is joined like the arguments; a call with no type is a function");
    }

    private static string Json(ChatCompletion completion) =>
        JObject.FromObject(completion, JsonSerializer.Create(GeminiJson.Settings)).ToString(Formatting.None);
}
