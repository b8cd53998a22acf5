using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Gemini.Generated.Tests.Support;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>
/// <see cref="JsonBodyReader"/> on its own: a UTF-8 byte order mark is skipped and nothing else is, the size limit is inclusive,
/// and the read does not come back to the caller's synchronization context.
/// </summary>
public class JsonBodyReaderTests
{
    private static readonly byte[] ByteOrderMark = { 0xEF, 0xBB, 0xBF };

    [Test]
    public void ABodyStartingWithAByteOrderMark_Parses()
    {
        var bytes = ByteOrderMark.Concat(Encoding.UTF8.GetBytes("""{"a":1}""")).ToArray();

        var result = JsonBodyReader.Parse<JObject>(bytes, bytes.Length);

        Assert.That(result.Error, Is.Null);
        Assert.That(result.Value!["a"]!.Value<int>(), Is.EqualTo(1));
    }

    [Test]
    public void AByteOrderMarkAlone_IsAnEmptyBody()
    {
        var result = JsonBodyReader.Parse<JObject>(ByteOrderMark, 3);

        Assert.That(result.Error, Is.Null);
        Assert.That(result.Value, Is.Null);
    }

    [Test]
    public void ABodyWhoseThirdByteIsTheMarksLast_IsReadWhole()
    {
        // "¿" is C2 BF: the body's third byte is the mark's last.
        var bytes = Encoding.UTF8.GetBytes("\"¿\"");

        var result = JsonBodyReader.Parse<string>(bytes, bytes.Length);

        Assert.That(result.Error, Is.Null);
        Assert.That(result.Value, Is.EqualTo("¿"));
    }

    [Test]
    public void ABodyWhoseSecondAndThirdBytesAreTheMarksLastTwo_IsShownWhole()
    {
        // U+6EFF is E6 BB BF: not JSON, and shown as received, not cut after the first three bytes.
        var bytes = Encoding.UTF8.GetBytes("\u6EFF!");

        var result = JsonBodyReader.Parse<JToken>(bytes, bytes.Length);

        Assert.That(result.Error, Is.InstanceOf<JsonException>());
        Assert.That(result.Text, Is.EqualTo("\u6EFF!"));
    }

    [Test]
    public void ABodyShorterThanTheMark_IsNotMistakenForIt()
    {
        // Only the first two bytes are the body; the array's third byte happens to complete a mark.
        var result = JsonBodyReader.Parse<JToken>(ByteOrderMark.ToArray(), 2);

        Assert.That(result.Error, Is.InstanceOf<JsonException>());
        Assert.That(result.Text, Is.Not.Empty);
    }

    [Test]
    public async Task ABodyOfExactlyTheLimit_IsRead()
    {
        var body = Encoding.UTF8.GetBytes("\"abcdefgh\"");

        var result = await JsonBodyReader.ReadAsync<string>(new MemoryStream(body), null, body.Length, CancellationToken.None);

        Assert.That(result.Value, Is.EqualTo("abcdefgh"));
    }

    [Test]
    public void ABodyOneByteOverTheLimit_IsRefused()
    {
        var body = Encoding.UTF8.GetBytes("\"abcdefgh\"");

        var error = Assert.ThrowsAsync<GeminiResponseTooLargeException>(() =>
            JsonBodyReader.ReadAsync<string>(new MemoryStream(body), null, body.Length - 1, CancellationToken.None))!;

        Assert.That(error.Limit, Is.EqualTo(body.Length - 1));
    }

    [Test]
    public void AReadThatCompletesLater_DoesNotComeBackThroughTheCallersContext()
    {
        var arrived = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = new GatedStream(Encoding.UTF8.GetBytes("\"late\""), arrived.Task);
        var context = new CountingContext();

        var reading = context.Run(() => JsonBodyReader.ReadAsync<string>(stream, null, 1024, CancellationToken.None));

        Assert.That(reading.IsCompleted, Is.False, "the first read is still pending");
        arrived.SetResult(true);

        Assert.That(reading.GetAwaiter().GetResult().Value, Is.EqualTo("late"));
        Assert.That(context.Posts, Is.Zero);
    }
}
