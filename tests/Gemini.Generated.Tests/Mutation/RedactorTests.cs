using System;

namespace Gemini.Generated.Tests.Mutation;

/// <summary><see cref="Redactor"/> on its own: where a long key and a short key are found, and the exceptions it keeps or replaces.</summary>
public class RedactorTests
{
    private const string LongKey = "sk-0123456789abcdef";

    [Test]
    public void Redact_WithoutASecretOrText_ReturnsTheTextAsIs()
    {
        Assert.That(new Redactor(null).Redact("a " + LongKey), Is.EqualTo("a " + LongKey));
        Assert.That(new Redactor("").Redact("a b"), Is.EqualTo("a b"));
        Assert.That(new Redactor(null).Redact("text"), Is.EqualTo("text"));
        Assert.That(new Redactor(LongKey).Redact(null), Is.Null);
    }

    [Test]
    public void Redact_ALongKey_IsRemovedWhereverItAppearsEvenGluedToOtherText()
    {
        var redactor = new Redactor(LongKey);

        Assert.That(redactor.Redact($"Bearer%20{LongKey}x, again {LongKey}"), Is.EqualTo("Bearer%20[REDACTED]x, again [REDACTED]"));
        Assert.That(redactor.Redact(LongKey), Is.EqualTo("[REDACTED]"));
        Assert.That(redactor.Redact("no key here"), Is.EqualTo("no key here"));
    }

    [Test]
    public void Redact_AKeyOfExactlyTheAnywhereLength_IsRemovedEvenInsideAWord()
    {
        var key = new string('k', Redactor.AnywhereLength);

        Assert.That(new Redactor(key).Redact("a" + key + "b"), Is.EqualTo("a[REDACTED]b"));
    }

    [Test]
    public void Redact_AShortKey_IsRemovedOnlyWhereItStandsAsAWholeToken()
    {
        var redactor = new Redactor("test");

        Assert.That(redactor.Redact("test"), Is.EqualTo("[REDACTED]"));
        Assert.That(redactor.Redact("key test."), Is.EqualTo("key [REDACTED]."));
        Assert.That(redactor.Redact("(test) test"), Is.EqualTo("([REDACTED]) [REDACTED]"));
        Assert.That(redactor.Redact("attest tests test_1 x-test test-y test9 9test"), Is.EqualTo("attest tests test_1 x-test test-y test9 9test"));
        Assert.That(redactor.Redact("attest test"), Is.EqualTo("attest [REDACTED]"), "a token after a longer word that contains it");
        Assert.That(redactor.Redact("_test test_ test"), Is.EqualTo("_test test_ [REDACTED]"));
    }

    [Test]
    public void Safe_WithoutASecretOrException_ReturnsItAsIs()
    {
        var error = new InvalidOperationException(LongKey);

        Assert.That(new Redactor(null).Safe(error), Is.SameAs(error));
        Assert.That(new Redactor(LongKey).Safe(null), Is.Null);
    }

    [Test]
    public void Safe_AnExceptionWhoseChainDoesNotHoldTheKey_IsKept()
    {
        var error = new InvalidOperationException("outer", new ArgumentException("inner"));

        Assert.That(new Redactor(LongKey).Safe(error), Is.SameAs(error));
    }

    [Test]
    public void Safe_AnExceptionWhoseMessageIsTheKey_IsReplaced()
    {
        var safe = new Redactor(LongKey).Safe(new InvalidOperationException(LongKey))!;

        Assert.That(safe.Message, Is.EqualTo("InvalidOperationException: [REDACTED]"));
    }

    [Test]
    public void Safe_AnExceptionWhoseInnerExceptionHoldsTheKey_IsReplacedByARedactedChain()
    {
        var error = new InvalidOperationException("outer", new ArgumentException("inner " + LongKey));

        var safe = new Redactor(LongKey).Safe(error)!;

        Assert.That(safe, Is.TypeOf<GeminiException>());
        Assert.That(safe.Message, Is.EqualTo("InvalidOperationException: outer"));
        Assert.That(safe.InnerException, Is.TypeOf<GeminiException>());
        Assert.That(safe.InnerException!.Message, Is.EqualTo("ArgumentException: inner [REDACTED]"));
        Assert.That(safe.ToString(), Does.Not.Contain(LongKey));
    }
}
