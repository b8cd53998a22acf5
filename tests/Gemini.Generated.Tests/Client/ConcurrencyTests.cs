using System.Linq;
using System.Threading.Tasks;

namespace Gemini.Generated.Tests.Client;

/// <summary>One client is shared: concurrent calls do not mix up their ids, headers or results.</summary>
public class ConcurrencyTests : FakeServerTestBase
{
    [Test]
    public async Task CompleteAsync_With50ConcurrentCallsOnOneClient_EachSucceedsWithItsOwnEchoedId()
    {
        var client = CreateClient();
        var ids = Enumerable.Range(0, 50).Select(i => $"call-{i:D2}").ToArray();

        var completions = await Task.WhenAll(ids.Select(id =>
            Task.Run(() => client.CompleteAsync(new ChatCompletionRequest(ChatMessage.User("Question " + id)), new ChatRequestOptions { ClientRequestId = id }))));

        Assert.That(completions.Select(c => c.ClientRequestId), Is.EqualTo(ids));
        Assert.That(completions.Select(c => c.ResponseInfo!.ClientRequestId), Is.EqualTo(ids));
        Assert.That(completions.Select(c => c.InferenceId).Distinct().Count(), Is.EqualTo(50), "each completion has its own response");
        var requests = Server.Requests;
        Assert.That(requests, Has.Count.EqualTo(50));
        foreach (var request in requests)
        {
            var content = (string?)request.Json!["messages"]![0]!["content"];
            Assert.That(content, Is.EqualTo("Question " + request.ClientRequestId), "a request's body and header belong to the same call");
        }
    }
}
