using System;

namespace Gemini.Generated.Tests.Client;

/// <summary>The first line a newcomer writes fails with the message that says what to set, not a bare ArgumentNullException.</summary>
public class KeyConstructorTests
{
    [Test]
    public void Constructor_WithAKeyFromAnUnsetVariable_ThrowsTheMessageFromEnvironmentGives()
    {
        Assume.That(Environment.GetEnvironmentVariable("AIML_API_KEY"), Is.Null.Or.Empty);
        Assume.That(Environment.GetEnvironmentVariable("AIMLAPI_API_KEY"), Is.Null.Or.Empty);

        var fromConstructor = Assert.Throws<ArgumentException>(() => _ = new GeminiClient(Environment.GetEnvironmentVariable("AIML_API_KEY")!))!;
        var fromEnvironment = Assert.Throws<ArgumentException>(() => GeminiClient.FromEnvironment())!;

        Assert.That(fromConstructor, Is.TypeOf<ArgumentException>(), "not an ArgumentNullException");
        Assert.That(fromConstructor.Message, Is.EqualTo(fromEnvironment.Message));
        Assert.That(fromConstructor.Message, Does.Contain("AIML_API_KEY"));
    }
}
