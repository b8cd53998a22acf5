using Gemini.Generated.Testing;

namespace Gemini.Generated.Tests.Client;

public class ErrorHeadersTests
{
    [Test]
    public void CompleteAsync_WhenTheServiceAnswersAnError_KeepsItsHeadersOnTheException()
    {
        using var server = FakeAimlServer.Start();
        server.Enqueue(FakeReply.Error(400, "Body validation error").WithHeader("x-ratelimit-remaining-requests", "41").WithInferenceId("inf-err"));
        var client = server.CreateClient();

        var error = Assert.ThrowsAsync<AimlApiException>(() => client.CompleteAsync("Hi"))!;

        Assert.That(error.Headers["X-RateLimit-Remaining-Requests"], Is.EqualTo(new[] { "41" }));
        Assert.That(error.Headers["x-inference-id"], Is.EqualTo(new[] { "inf-err" }));
        Assert.That(error.InferenceId, Is.EqualTo("inf-err"));
    }
}
