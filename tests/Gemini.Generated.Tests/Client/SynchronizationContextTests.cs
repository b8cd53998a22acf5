using System.Threading;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Support;

namespace Gemini.Generated.Tests.Client;

/// <summary>
/// Called from a UI thread or classic ASP.NET, which have a synchronization context, the SDK never hands its own continuations
/// to that context: a caller that blocks on a call (.Result) does not deadlock, and a busy UI thread does not slow the call.
/// </summary>
public class SynchronizationContextTests : FakeServerTestBase
{
    [Test]
    public void ACallStartedOnAUiLikeThread_NeverPostsToItsContext()
    {
        Server.Enqueue(FakeReply.Completion("Paris.").WithUsage(5, 7));
        var client = CreateClient();
        var context = new CountingContext();

        var text = context.Run(() => client.CompleteAsync("Capital of France?").GetAwaiter().GetResult().Text);

        Assert.That(text, Is.EqualTo("Paris."));
        Assert.That(context.Posts, Is.Zero);
    }

    [Test]
    public void AStreamReadOnAUiLikeThread_NeverPostsToItsContext()
    {
        Server.Enqueue(FakeReply.Completion("Paris is the capital.").WithChunks("Paris ", "is the ", "capital."));
        Server.Enqueue(FakeReply.Completion("Again."));
        var client = CreateClient();
        var context = new CountingContext();

        var (streamed, completed) = context.Run(() =>
        {
            var stream = client.CompleteStreamingAsync("Capital of France?");
            var enumerator = stream.GetAsyncEnumerator();
            var chunks = 0;
            while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult())
            {
                chunks++;
            }

            enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
            var again = client.CompleteStreamingAsync("Again?").GetCompletionAsync().GetAwaiter().GetResult();
            return (stream.Completion!.Text + " in " + chunks, again.Text);
        });

        Assert.That(streamed, Does.StartWith("Paris is the capital. in "));
        Assert.That(completed, Is.EqualTo("Again."));
        Assert.That(context.Posts, Is.Zero);
    }
}
