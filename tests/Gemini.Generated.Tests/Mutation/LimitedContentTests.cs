using System;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>
/// The byte limit on a response body, however the body is read: as a string (an error body, or a handler that logs it), or as
/// a stream read synchronously or asynchronously, into an array or a span. Up to the limit passes; one byte more throws.
/// </summary>
public class LimitedContentTests
{
    private const string Body = "0123456789";

    [TestCase(10)]
    [TestCase(11)]
    public async Task ReadAsString_UpToTheLimit_ReturnsTheBodyWithItsHeaders(int limit)
    {
        using var content = Limited(limit);

        Assert.That(await content.ReadAsStringAsync(), Is.EqualTo(Body));
        Assert.That(content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        Assert.That(content.Headers.ContentLength, Is.EqualTo(10), "the inner content's headers, Content-Length included");
    }

    [Test]
    public void ReadAsString_OverTheLimit_ThrowsNamingTheLimit()
    {
        using var content = Limited(9);

        var error = Assert.ThrowsAsync<GeminiResponseTooLargeException>(() => content.ReadAsStringAsync())!;

        Assert.That(error.Limit, Is.EqualTo(9));
    }

    [TestCase("array")]
    [TestCase("span")]
    [TestCase("array async")]
    [TestCase("memory async")]
    public async Task ReadingTheStream_AnyWay_StopsOneByteOverTheLimit(string how)
    {
        using var content = Limited(9);
        using var stream = await content.ReadAsStreamAsync();
        var buffer = new byte[9];

        Assert.That(await Read(stream, buffer, how), Is.EqualTo(9), "nine bytes are within the limit");
        Assert.That(Encoding.ASCII.GetString(buffer), Is.EqualTo("012345678"));
        var error = Assert.ThrowsAsync<GeminiResponseTooLargeException>(() => Read(stream, buffer, how))!;
        Assert.That(error.Limit, Is.EqualTo(9));
    }

    [Test]
    public async Task TheStream_IsReadOnlyAndNotSeekable()
    {
        using var content = Limited(100);
        using var stream = await content.ReadAsStreamAsync();

        Assert.That(stream.CanRead, Is.True);
        Assert.That(stream.CanSeek, Is.False);
        Assert.That(stream.CanWrite, Is.False);
        Assert.That(() => stream.Length, Throws.TypeOf<NotSupportedException>());
        Assert.That(() => stream.Position, Throws.TypeOf<NotSupportedException>());
        Assert.That(() => stream.Position = 0, Throws.TypeOf<NotSupportedException>());
        Assert.That(() => stream.Seek(0, SeekOrigin.Begin), Throws.TypeOf<NotSupportedException>());
        Assert.That(() => stream.SetLength(0), Throws.TypeOf<NotSupportedException>());
        Assert.That(() => stream.Write(new byte[1], 0, 1), Throws.TypeOf<NotSupportedException>());
        Assert.That(() => stream.Flush(), Throws.Nothing);
    }

    private static LimitedContent Limited(long limit) =>
        new(new StringContent(Body, Encoding.ASCII, "application/json"), limit);

    private static async Task<int> Read(Stream stream, byte[] buffer, string how)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = how switch
            {
                "array" => stream.Read(buffer, total, buffer.Length - total),
                "span" => stream.Read(buffer.AsSpan(total)),
                "array async" => await stream.ReadAsync(buffer, total, buffer.Length - total),
                _ => await stream.ReadAsync(buffer.AsMemory(total)),
            };
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }
}
