using System;
using System.Collections.Generic;

namespace Gemini.Generated.Tests.Mutation;

/// <summary><see cref="RetryAfterParser"/> on its own: delta-seconds, HTTP dates, and what it refuses.</summary>
public class RetryAfterParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 16, 10, 20, 30, TimeSpan.Zero);

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("soon")]
    [TestCase("-1")]
    [TestCase("1e300")]
    [TestCase("922337203685.4775807")]
    public void Parse_WhenTheValueIsMissingNegativeTooLargeOrUnreadable_ReturnsNull(string? value)
    {
        Assert.That(RetryAfterParser.Parse(value, Now), Is.Null);
    }

    [TestCase("0", 0)]
    [TestCase("7", 7000)]
    [TestCase(" 7 ", 7000)]
    [TestCase("1.5", 1500)]
    public void Parse_DeltaSeconds_ReturnsThatWait(string value, int milliseconds)
    {
        Assert.That(RetryAfterParser.Parse(value, Now), Is.EqualTo(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Test]
    public void Parse_AnHttpDateInTheFuture_ReturnsTheTimeUntilThen()
    {
        Assert.That(RetryAfterParser.Parse("Fri, 16 Jan 2026 10:20:42 GMT", Now), Is.EqualTo(TimeSpan.FromSeconds(12)));
    }

    [Test]
    public void Parse_AnIsoDateWithoutOffset_IsReadAsUtc()
    {
        Assert.That(RetryAfterParser.Parse("2026-01-16T10:21:00", Now), Is.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [TestCase("Fri, 16 Jan 2026 10:20:30 GMT")]
    [TestCase("Fri, 16 Jan 2026 10:00:00 GMT")]
    public void Parse_AnHttpDateNowOrInThePast_ReturnsZero(string value)
    {
        Assert.That(RetryAfterParser.Parse(value, Now), Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void Parse_Headers_ReadsRetryAfterWhateverItsCase()
    {
        var headers = new Dictionary<string, IEnumerable<string>> { ["retry-after"] = new[] { "3" } };

        Assert.That(RetryAfterParser.Parse(new ResponseHeaders(headers), Now), Is.EqualTo(TimeSpan.FromSeconds(3)));
        Assert.That(RetryAfterParser.Parse(ResponseHeaders.Empty, Now), Is.Null);
    }
}
