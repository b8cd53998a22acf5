using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace Gemini.Generated.Tests.Client;

/// <summary>A request that cannot be written as JSON fails as bad input, naming where, before anything is sent.</summary>
public class UnserializableRequestTests : FakeServerTestBase
{
    /// <summary>An object graph that refers to itself.</summary>
    private sealed class Loop
    {
        public Loop? Self { get; set; }
    }

    /// <summary>A value whose getter throws, as some library types do when Newtonsoft reads them.</summary>
    private sealed class Throwing
    {
        public int Value => throw new InvalidOperationException("not readable");
    }

    private static ChatCompletionRequest WithExtra(object value)
    {
        var request = new ChatCompletionRequest(ChatMessage.User("Hello"));
        request.AdditionalProperties["extra"] = value;
        return request;
    }

    private static IEnumerable<TestCaseData> Values()
    {
        var loop = new Loop();
        loop.Self = loop;
        yield return new TestCaseData((object)loop, "extra").SetName("{m}(self-referencing graph)");
        yield return new TestCaseData((object)new Throwing(), "extra").SetName("{m}(a getter that throws)");
    }

    [TestCaseSource(nameof(Values))]
    public void CompleteAsync_AnUnserializableValue_FailsNamingTheRequestAndThePathAndSendsNothing(object value, string path)
    {
        var client = CreateClient();

        var error = Assert.ThrowsAsync<ArgumentException>(() => client.CompleteAsync(WithExtra(value)));

        AssertNamesThePath(error!, path);
        Assert.That(Server.Requests, Is.Empty, "requests received by the fake server");
    }

    [TestCaseSource(nameof(Values))]
    public void CompleteStreamingAsync_AnUnserializableValue_FailsNamingTheRequestAndThePathAndSendsNothing(object value, string path)
    {
        var client = CreateClient();

        var error = Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await foreach (var _ in client.CompleteStreamingAsync(WithExtra(value)))
            {
            }
        });

        AssertNamesThePath(error!, path);
        Assert.That(Server.Requests, Is.Empty, "requests received by the fake server");
    }

    private static void AssertNamesThePath(ArgumentException error, string path)
    {
        Assert.That(error.ParamName, Is.EqualTo("request"));
        Assert.That(error.Message, Does.Contain($"The request could not be serialized at '{path}"));
        Assert.That(error.InnerException, Is.Not.Null);
    }
}
