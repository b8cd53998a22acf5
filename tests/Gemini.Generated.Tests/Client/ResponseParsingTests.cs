using System.Linq;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated.Tests.Client;

/// <summary>Responses the spec does not fully describe: unknown finish reasons, tool calls with null content, unknown fields.</summary>
public class ResponseParsingTests : FakeServerTestBase
{
    [TestCase("MAX_TOKENS", true)]
    [TestCase("SAFETY", false)]
    [TestCase("", false)]
    [TestCase("recitation", false)]
    public async Task CompleteAsync_WhenTheFinishReasonIsUnknown_KeepsItVerbatim(string value, bool isTokenLimit)
    {
        Server.Enqueue(FakeReply.Completion("A partial answer").WithFinishReason(value));

        var completion = await CreateClient().CompleteAsync("Hi");

        var reason = completion.FinishReason;
        Assert.That(reason, Is.Not.Null);
        Assert.That(reason!.Value.Value, Is.EqualTo(value));
        Assert.That(reason.Value.ToString(), Is.EqualTo(value));
        Assert.That(reason.Value == new FinishReason(value), Is.True, "compares by value");
        Assert.That(reason.Value.Equals((object)new FinishReason(value)), Is.True);
        Assert.That(reason.Value.GetHashCode(), Is.EqualTo(new FinishReason(value).GetHashCode()));
        Assert.That(reason.Value != FinishReason.Stop, Is.True);
        Assert.That(reason.Value != FinishReason.Length, Is.True);
        Assert.That(reason.Value != FinishReason.ContentFilter, Is.True);
        Assert.That(reason.Value != FinishReason.ToolCalls, Is.True);
        Assert.That(reason.Value.IsTokenLimit, Is.EqualTo(isTokenLimit));
        Assert.That(completion.IsTruncated, Is.EqualTo(isTokenLimit));
        Assert.That(completion.Text, Is.EqualTo("A partial answer"));
    }

    [Test]
    public void FinishReason_ComparesOrdinally()
    {
        Assert.That(new FinishReason("STOP") == FinishReason.Stop, Is.False);
        Assert.That(new FinishReason("stop") == FinishReason.Stop, Is.True);
        Assert.That(new FinishReason("max_tokens").IsTokenLimit, Is.True);
        Assert.That(FinishReason.Length.IsTokenLimit, Is.True);
        Assert.That(FinishReason.Stop.IsTokenLimit, Is.False);
    }

    [Test]
    public async Task CompleteAsync_WhenTheBodyHasNoMeta_TakesCreditsAndUsdFromTheHeaders()
    {
        Server.Enqueue(FakeReply.Raw(200, """
            {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"google/gemini-2.5-flash",
             "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"Hi"}}],
             "usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}
            """)
            .WithHeader("x-aimlapi-credits-used", "1234")
            .WithHeader("x-aimlapi-usd-spent", "0.000315"));

        var completion = await CreateClient().CompleteAsync("Hi");

        Assert.That(completion.Meta, Is.Null);
        Assert.That(completion.CreditsUsed, Is.EqualTo(1234m));
        Assert.That(completion.UsdSpent, Is.EqualTo(0.000315m));
    }

    [Test]
    public async Task CompleteAsync_WhenTheBodyHasMetaAndTheHeadersDiffer_TheBodyWins()
    {
        Server.Enqueue(FakeReply.Raw(200, """
            {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"google/gemini-2.5-flash",
             "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"Hi"}}],
             "meta":{"usage":{"credits_used":40,"usd_spent":0.00001}}}
            """)
            .WithHeader("x-aimlapi-credits-used", "1234")
            .WithHeader("x-aimlapi-usd-spent", "0.000315"));

        var completion = await CreateClient().CompleteAsync("Hi");

        Assert.That(completion.CreditsUsed, Is.EqualTo(40m));
        Assert.That(completion.UsdSpent, Is.EqualTo(0.00001m));
        Assert.That(completion.ResponseInfo!.CreditsUsed, Is.EqualTo(1234m), "the header is still there to read");
    }

    [Test]
    public async Task CompleteAsync_WhenTheFinishReasonIsNull_ItIsNull()
    {
        Server.Enqueue(FakeReply.Completion("Still going").WithFinishReason(null));

        var completion = await CreateClient().CompleteAsync("Hi");

        Assert.That(completion.FinishReason, Is.Null);
        Assert.That(completion.FirstChoice!.FinishReason, Is.Null);
        Assert.That(completion.IsTruncated, Is.False);
        Assert.That(completion.Text, Is.EqualTo("Still going"));
    }

    [Test]
    public async Task CompleteAsync_WhenTheModelCallsATool_ParsesNullContentAndTheCall()
    {
        Server.Enqueue(FakeReply.ToolCall("get_weather", """{"city":"Paris","unit":"C"}""", "call_w1"));

        var completion = await CreateClient().CompleteAsync(WeatherQuestion());

        Assert.That(completion.Text, Is.EqualTo(string.Empty));
        Assert.That(completion.FirstChoice!.Message!.Content, Is.Null);
        Assert.That(completion.FinishReason, Is.EqualTo(FinishReason.ToolCalls));
        Assert.That(completion.IsTruncated, Is.False);
        var call = completion.FirstChoice.Message.ToolCalls!.Single();
        Assert.That(call.Id, Is.EqualTo("call_w1"));
        Assert.That(call.Type, Is.EqualTo("function"));
        Assert.That(call.Function!.Name, Is.EqualTo("get_weather"));
        Assert.That(call.Function.Arguments, Is.EqualTo("""{"city":"Paris","unit":"C"}"""));
    }

    [Test]
    public async Task CompleteAsync_WhenAToolResultIsSentBack_SendsTheAssistantCallAndTheToolMessage()
    {
        Server.Enqueue(FakeReply.ToolCall("get_weather", """{"city":"Paris"}""", "call_w1"), FakeReply.Completion("It is 18 C in Paris."));
        var client = CreateClient();
        var request = WeatherQuestion();
        var first = await client.CompleteAsync(request);

        request.Messages.Add(ChatMessage.Assistant(first.FirstChoice!.Message!));
        request.Messages.Add(ChatMessage.Tool("call_w1", """{"temperature":18}"""));
        var second = await client.CompleteAsync(request);

        Assert.That(second.Text, Is.EqualTo("It is 18 C in Paris."));
        var followUp = Server.Requests[1];
        JsonAssert.AreEqual(
            """
            [
              { "role": "user", "content": "Weather in Paris?" },
              { "role": "assistant", "tool_calls": [ { "id": "call_w1", "type": "function", "function": { "name": "get_weather", "arguments": "{\"city\":\"Paris\"}" } } ] },
              { "role": "tool", "tool_call_id": "call_w1", "content": "{\"temperature\":18}" }
            ]
            """,
            followUp.Json!["messages"],
            "messages of the follow-up");
        await SpecRequestSchema.AssertValidAsync(followUp.Body);
    }

    [Test]
    public async Task CompleteAsync_WhenAToolCallCarriesUnknownFields_SendsThemBackWithTheCall()
    {
        // Gemini's OpenAI-compatible API puts a thought signature beside a tool call; it must go back with the call.
        Server.Enqueue(
            FakeReply.Raw(200, """
                {
                  "id": "chatcmpl-1", "object": "chat.completion", "created": 1768558830, "model": "google/gemini-2.5-flash",
                  "choices": [ {
                    "index": 0, "finish_reason": "tool_calls",
                    "message": { "role": "assistant", "content": null, "tool_calls": [ {
                      "id": "call_s1", "type": "function",
                      "function": { "name": "get_weather", "arguments": "{}" },
                      "extra_content": { "google": { "thought_signature": "c2lnbmF0dXJl" } }
                    } ] }
                  } ]
                }
                """),
            FakeReply.Completion("ok"));
        var client = CreateClient();
        var request = WeatherQuestion();
        var first = await client.CompleteAsync(request);

        request.Messages.Add(ChatMessage.Assistant(first.FirstChoice!.Message!));
        request.Messages.Add(ChatMessage.Tool("call_s1", "sunny"));
        await client.CompleteAsync(request);

        JsonAssert.AreEqual(
            """
            { "role": "assistant", "tool_calls": [ {
                "id": "call_s1", "type": "function",
                "function": { "name": "get_weather", "arguments": "{}" },
                "extra_content": { "google": { "thought_signature": "c2lnbmF0dXJl" } }
            } ] }
            """,
            Server.Requests[1].Json!["messages"]![1],
            "the assistant message sent back");
    }

    [Test]
    public async Task CompleteAsync_WhenTheResponseHasUnknownFieldsAtEveryLevel_IgnoresAndKeepsThem()
    {
        Server.Enqueue(FakeReply.Raw(200, """
            {
              "id": "chatcmpl-x1",
              "object": "chat.completion",
              "created": 1768558830,
              "model": "google/gemini-2.5-flash",
              "system_fingerprint": "fp_123",
              "provider": { "name": "google", "region": "europe-west4" },
              "choices": [ {
                "index": 0,
                "finish_reason": "stop",
                "native_finish_reason": "STOP",
                "message": {
                  "role": "assistant",
                  "content": "Paris.",
                  "reasoning_content": "The user asks about France.",
                  "safety_ratings": [ { "category": "HARM_CATEGORY_HATE_SPEECH", "probability": "NEGLIGIBLE" } ]
                }
              } ],
              "usage": {
                "prompt_tokens": 5,
                "completion_tokens": 40,
                "total_tokens": 45,
                "completion_tokens_details": { "reasoning_tokens": 38, "thoughts_budget": 1024 },
                "cost": 0.00012,
                "timestamp": "2026-01-16T10:20:30Z"
              }
            }
            """));

        var completion = await CreateClient().CompleteAsync("Capital of France?");

        Assert.That(completion.Text, Is.EqualTo("Paris."));
        Assert.That(completion.ReasoningTokens, Is.EqualTo(38));
        AssertKept(completion.AdditionalProperties, "system_fingerprint", "\"fp_123\"");
        AssertKept(completion.AdditionalProperties, "provider", """{ "name": "google", "region": "europe-west4" }""");
        AssertKept(completion.FirstChoice!.AdditionalProperties, "native_finish_reason", "\"STOP\"");
        AssertKept(completion.FirstChoice.Message!.AdditionalProperties, "reasoning_content", "\"The user asks about France.\"");
        AssertKept(completion.FirstChoice.Message.AdditionalProperties, "safety_ratings", """[ { "category": "HARM_CATEGORY_HATE_SPEECH", "probability": "NEGLIGIBLE" } ]""");
        AssertKept(completion.Usage!.AdditionalProperties, "cost", "0.00012");
        AssertKept(completion.Usage.AdditionalProperties, "timestamp", "\"2026-01-16T10:20:30Z\"");
        AssertKept(completion.Usage.CompletionTokensDetails!.AdditionalProperties, "thoughts_budget", "1024");
    }

    [Test]
    public async Task CompleteAsync_WhenTheFakeAddsAnExtraTopLevelField_KeepsIt()
    {
        Server.Enqueue(FakeReply.Completion("Paris.").WithExtraField("service_tier", "default").WithExtraField("x_trace", new { span = 7 }));

        var completion = await CreateClient().CompleteAsync("Capital of France?");

        Assert.That(completion.Text, Is.EqualTo("Paris."));
        AssertKept(completion.AdditionalProperties, "service_tier", "\"default\"");
        AssertKept(completion.AdditionalProperties, "x_trace", """{ "span": 7 }""");
    }

    private static ChatCompletionRequest WeatherQuestion() => new(ChatMessage.User("Weather in Paris?"));

    private static void AssertKept(System.Collections.Generic.IDictionary<string, object> properties, string name, string expectedJson)
    {
        Assert.That(properties, Does.ContainKey(name));
        JsonAssert.AreEqual(expectedJson, JToken.FromObject(properties[name]), name);
    }
}
