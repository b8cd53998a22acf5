using System;
using System.Collections.Generic;
using System.Linq;
using Gemini.Generated.Testing;
using Newtonsoft.Json;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>
/// The exceptions' own texts and properties, word for word: an error status, a redirect, a body over the size limit, a cut-off
/// answer, and a 200 body that is not a completion.
/// </summary>
public class ErrorMessageTests : FakeServerTestBase
{
    [Test]
    public void AnErrorStatus_TakesTheClientRequestIdTheServiceEchoedOverTheOneSent()
    {
        var error = FromResponse(500, null, "sent-id", ("X-Client-Request-Id", "echoed-id"));

        Assert.That(error.ClientRequestId, Is.EqualTo("echoed-id"));
        Assert.That(error.Message, Is.EqualTo("AIML API returned 500 Internal Server Error with an empty body. (x-client-request-id echoed-id)"));
    }

    [Test]
    public void AnErrorStatus_WithoutAnyId_EndsTheMessageWithoutParentheses()
    {
        var error = FromResponse(500, null, null);

        Assert.That(error.Message, Is.EqualTo("AIML API returned 500 Internal Server Error with an empty body."));
        Assert.That(error.RawBody, Is.Null);
        Assert.That(error.ClientRequestId, Is.Null);
    }

    [Test]
    public void AnErrorStatus_WithANonJsonBodyAndNoContentType_SaysSo()
    {
        var error = FromResponse(502, "upstream   down", null);

        Assert.That(error.Message, Is.EqualTo("AIML API returned 502 Bad Gateway with a non-JSON body (no content type): upstream down"));
        Assert.That(error.RawBody, Is.EqualTo("upstream   down"));
    }

    [Test]
    public void ARedirectWithoutLocation_SaysThereWasNone()
    {
        var error = AimlApiRedirectException.Answered(301, null, new CallContext("req-1"));

        Assert.That(error.Message, Is.EqualTo(
            "AIML API returned 301, a redirect to no Location. Redirects are never followed: nothing was sent there. Check GeminiClientOptions.BaseUrl."));
        Assert.That(error.Location, Is.Null);
        Assert.That(error.StatusCode, Is.EqualTo(301));
        Assert.That(error.ClientRequestId, Is.EqualTo("req-1"));
    }

    [Test]
    public void ARedirectWithALocation_NamesIt()
    {
        var error = AimlApiRedirectException.Answered(307, new Uri("https://elsewhere.example/v1"), new CallContext(null));

        Assert.That(error.Message, Is.EqualTo(
            "AIML API returned 307, a redirect to https://elsewhere.example/v1. Redirects are never followed: nothing was sent there. Check GeminiClientOptions.BaseUrl."));
    }

    [Test]
    public void AFollowedRedirect_NamesWhereItEndedAndHowToStopIt()
    {
        var error = AimlApiRedirectException.Followed(200, new Uri("https://elsewhere.example/landing"), new CallContext("req-2"));

        Assert.That(error.Message, Is.EqualTo(
            "The injected HttpClient followed a redirect to https://elsewhere.example/landing (final status 200); the answer is not the service's and was discarded. " +
            "Set AllowAutoRedirect = false on its handler. Check GeminiClientOptions.BaseUrl."));
        Assert.That(error.Location, Is.EqualTo(new Uri("https://elsewhere.example/landing")));
        Assert.That(error.ClientRequestId, Is.EqualTo("req-2"));
    }

    [Test]
    public void AResponseOverTheLimit_NamesTheLimitAndTheOption()
    {
        var error = new GeminiResponseTooLargeException(1024);

        Assert.That(error.Message, Is.EqualTo("The response is larger than the 1024 bytes allowed by GeminiClientOptions.MaxResponseBytes; reading stopped."));
        Assert.That(error.Limit, Is.EqualTo(1024));
    }

    private const string Raise = "Raise the limit: set MaxCompletionTokens on the request, or GeminiClientOptions.DefaultMaxCompletionTokens";

    [TestCase("Paris is", """{"completion_tokens":12}""", null, "length",
        "The answer was cut off at the service's default limit of 512 tokens (no limit was sent) (finish_reason \"length\", 12 completion tokens). " + Raise + ".",
        TestName = "ACutOffAnswerWithoutALimitSent_EndsTheAdviceWithAFullStop")]
    [TestCase("Paris is", null, 40, "length",
        "The answer was cut off at the limit of 40 tokens (finish_reason \"length\"). " + Raise + " (the limit sent was 40).",
        TestName = "ACutOffAnswerWithoutUsage_LeavesTheCountsOut")]
    [TestCase("Paris is", """{"completion_tokens":40}""", 40, "length",
        "The answer was cut off at the limit of 40 tokens (finish_reason \"length\", 40 completion tokens). " + Raise + " (the limit sent was 40).",
        TestName = "ACutOffAnswerWithCompletionTokensButNoReasoningCount_LeavesReasoningOut")]
    [TestCase("", """{"completion_tokens_details":{"reasoning_tokens":30}}""", 30, "length",
        "The answer is empty: the model spent 30 tokens reasoning and reached the limit of 30 tokens before writing any visible text (finish_reason \"length\"). " +
        Raise + " (the limit sent was 30).",
        TestName = "AnEmptyAnswerWhoseReasoningUsedTheBudgetWithoutATotal_LeavesTheTotalOut")]
    [TestCase("", null, null, null,
        "The answer is empty: the model reached the service's default limit of 512 tokens (no limit was sent) before writing any visible text (finish_reason \"length\"). " +
        Raise + ".",
        TestName = "ATruncationOfACompletionWithoutFinishReason_SaysLength")]
    public void ATruncation_IsDescribedWordForWord(string text, string? usage, int? tokenLimit, string? finishReason, string expected)
    {
        var json = """{"id":"x","choices":[{"index":0,"message":{"role":"assistant","content":""" + JsonConvert.ToString(text) + "}" +
            (finishReason is null ? "" : ",\"finish_reason\":" + JsonConvert.ToString(finishReason)) + "}]" +
            (usage is null ? "" : ",\"usage\":" + usage) + "}";
        var completion = JsonConvert.DeserializeObject<ChatCompletion>(json, GeminiJson.Settings)!;
        completion.TokenLimit = tokenLimit;

        Assert.That(new GeminiTruncationException(completion).Message, Is.EqualTo(expected));
    }

    [Test]
    public void A200CarryingAnError_KeepsWhyTheBodyWasRefusedAsTheInnerException()
    {
        Server.Enqueue(FakeReply.Raw(200, """{"error":{"message":"Upstream error","code":502}}"""));

        var error = Assert.ThrowsAsync<AimlApiException>(() => CreateClient().CompleteAsync(new ChatCompletionRequest(ChatMessage.User("Hi"))))!;

        Assert.That(error.InnerException, Is.InstanceOf<JsonException>().With.Message.EqualTo("the body carries an error"));
    }

    private static AimlApiException FromResponse(int status, string? body, string? clientRequestId, params (string Name, string Value)[] headers) =>
        AimlApiException.FromResponse(
            status,
            new ResponseHeaders(headers.Select(h => new KeyValuePair<string, IEnumerable<string>>(h.Name, new[] { h.Value }))),
            body,
            clientRequestId,
            new Redactor(null),
            DateTimeOffset.UnixEpoch);
}
