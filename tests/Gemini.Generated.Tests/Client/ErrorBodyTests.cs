using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Support;

namespace Gemini.Generated.Tests.Client;

/// <summary>
/// How an error body becomes the exception's message, status text and ids: the documented body, the OpenAI-style one, and
/// bodies that are neither.
/// </summary>
public class ErrorBodyTests : FakeServerTestBase
{
    [TestCase(413, "AIML API returned 413 Payload Too Large: Too big")]
    [TestCase(418, "AIML API returned 418: Too big")]
    [TestCase(451, "AIML API returned 451 UnavailableForLegalReasons: Too big")]
    public void Message_StartsWithTheStatusAndItsReasonWhenThereIsOne(int status, string start)
    {
        Server.Enqueue(FakeReply.Raw(status, """{"message":"Too big"}"""));

        var error = Assert.ThrowsAsync<AimlApiException>(() => CreateClient().CompleteAsync("Hi"))!;

        Assert.That(error.StatusCode, Is.EqualTo(status));
        Assert.That(error.Message, Does.StartWith(start));
        Assert.That(Server.Requests, Has.Count.EqualTo(1), "a 4xx other than 408 and 429 is not retried");
    }

    [Test]
    public void Parse_TheDocumentedMessage_WinsOverErrorMessageThenAStringErrorThenDetail()
    {
        Assert.That(ErrorBody.Parse("""{"message":"top","error":{"message":"nested"},"detail":"d"}""").Message, Is.EqualTo("top"));
        Assert.That(ErrorBody.Parse("""{"message":null,"error":{"message":"nested"},"detail":"d"}""").Message, Is.EqualTo("nested"));
        Assert.That(ErrorBody.Parse("""{"error":"plain","detail":"d"}""").Message, Is.EqualTo("plain"));
        Assert.That(ErrorBody.Parse("""{"detail":"d"}""").Message, Is.EqualTo("d"));
        Assert.That(ErrorBody.Parse("""{"other":1}""").Message, Is.Null);
    }

    [Test]
    public void Parse_AMessageThatIsNotAString_IsItsTextOrItsItemsOrItsJson()
    {
        Assert.That(ErrorBody.Parse("""{"message":42.5}""").Message, Is.EqualTo("42.5"));
        Assert.That(ErrorBody.Parse("""{"message":["a",null,"b"]}""").Message, Is.EqualTo("a; b"));
        Assert.That(ErrorBody.Parse("""{"message":{"field":"x"}}""").Message, Is.EqualTo("""{"field":"x"}"""));
        Assert.That(ErrorBody.Parse("""{"detail":[{"loc":["body"],"msg":"bad"}]}""").Message, Is.EqualTo("""{"loc":["body"],"msg":"bad"}"""));
    }

    [Test]
    public void Parse_TheIdsPathAndTimestamp_AreReadFromEitherShape()
    {
        var documented = ErrorBody.Parse("""{"message":"m","requestId":"r1","path":"/v1/chat/completions","timestamp":"2026-12-01T10:00:00Z"}""");
        Assert.That(documented.RequestId, Is.EqualTo("r1"));
        Assert.That(documented.Path, Is.EqualTo("/v1/chat/completions"));
        Assert.That(documented.Timestamp, Is.EqualTo(new System.DateTimeOffset(2026, 12, 1, 10, 0, 0, System.TimeSpan.Zero)));
        Assert.That(ErrorBody.Parse("""{"request_id":"r2"}""").RequestId, Is.EqualTo("r2"));
        Assert.That(ErrorBody.Parse("""{"error":{"request_id":"r3"}}""").RequestId, Is.EqualTo("r3"));
        Assert.That(ErrorBody.Parse("""{"timestamp":"not a time"}""").Timestamp, Is.Null);
    }

    [TestCase(null, false)]
    [TestCase("   ", false)]
    [TestCase("Bad Gateway", false)]
    [TestCase("{not json", false)]
    [TestCase("""["a"]""", true)]
    [TestCase(" \n{}", true)]
    public void Parse_ABodyThatIsNotAnObject_HasNoMessageAndSaysWhetherItIsJson(string? body, bool isJson)
    {
        var parsed = ErrorBody.Parse(body);

        Assert.That(parsed.IsJson, Is.EqualTo(isJson));
        Assert.That(parsed.Message, Is.Null);
        Assert.That(parsed.RequestId, Is.Null);
    }
}
