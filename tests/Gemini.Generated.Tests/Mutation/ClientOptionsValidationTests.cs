using System;
using System.Collections.Generic;
using System.Threading;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>
/// <see cref="GeminiClientOptions"/> and <see cref="RetryPolicy"/> validation on their own: each bound, on both sides, and the
/// parameter each error names.
/// </summary>
public class ClientOptionsValidationTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    private static GeminiClientOptions Valid() => new() { ApiKey = "key" };

    [Test]
    public void Validate_DefaultsWithAKey_ReturnTheTrimmedKey()
    {
        var options = Valid();
        options.ApiKey = "  key-1  ";

        Assert.That(options.Validate(NoEnvironment), Is.EqualTo("key-1"));
    }

    [TestCase("https://api.example.com")]
    [TestCase("http://127.0.0.1:8080")]
    [TestCase("http://[::1]:8080")]
    [TestCase("http://localhost:8080")]
    [TestCase("http://LOCALHOST:8080")]
    public void Validate_HttpsOrLoopbackHttp_IsAllowed(string url)
    {
        var options = Valid();
        options.BaseUrl = new Uri(url);

        Assert.DoesNotThrow(() => options.Validate(NoEnvironment));
    }

    [TestCase("http://api.example.com")]
    [TestCase("ftp://127.0.0.1")]
    public void Validate_PlainHttpOffLoopbackOrAnotherScheme_IsRefused(string url)
    {
        var options = Valid();
        options.BaseUrl = new Uri(url);

        var error = Assert.Throws<ArgumentException>(() => options.Validate(NoEnvironment))!;
        Assert.That(error.ParamName, Is.EqualTo("BaseUrl"));
        Assert.That(error.Message, Does.Contain("is not HTTPS"));
    }

    [Test]
    public void Validate_ARelativeOrMissingBaseUrl_IsRefused()
    {
        var options = Valid();
        options.BaseUrl = new Uri("v1/", UriKind.Relative);
        var relative = Assert.Throws<ArgumentException>(() => options.Validate(NoEnvironment))!;
        Assert.That(relative.ParamName, Is.EqualTo("BaseUrl"));
        Assert.That(relative.Message, Does.Contain("must be an absolute https URL"));

        options.BaseUrl = null!;
        Assert.That(Assert.Throws<ArgumentNullException>(() => options.Validate(NoEnvironment))!.ParamName, Is.EqualTo("BaseUrl"));
    }

    [TestCase("")]
    [TestCase("  ")]
    public void Validate_ABlankModel_IsRefused(string model)
    {
        var options = Valid();
        options.DefaultModel = model;

        Assert.That(Assert.Throws<ArgumentException>(() => options.Validate(NoEnvironment))!.ParamName, Is.EqualTo("DefaultModel"));
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void Validate_ATokenLimitBelowOne_IsRefused(int limit)
    {
        var options = Valid();
        options.DefaultMaxCompletionTokens = limit;

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => options.Validate(NoEnvironment))!;
        Assert.That(error.ParamName, Is.EqualTo("DefaultMaxCompletionTokens"));
        Assert.That(error.Message, Does.Contain($"DefaultMaxCompletionTokens is {limit}; allowed: 1 or more"));
    }

    [TestCase(1)]
    [TestCase(null)]
    public void Validate_ATokenLimitOfOneOrNone_IsAllowed(int? limit)
    {
        var options = Valid();
        options.DefaultMaxCompletionTokens = limit;

        Assert.DoesNotThrow(() => options.Validate(NoEnvironment));
    }

    [Test]
    public void Validate_AnUndefinedTruncationBehavior_IsRefused()
    {
        var options = Valid();
        options.TruncationBehavior = (TruncationBehavior)42;

        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => options.Validate(NoEnvironment))!.ParamName, Is.EqualTo("TruncationBehavior"));
    }

    [TestCase("AttemptTimeout")]
    [TestCase("TotalTimeout")]
    [TestCase("StreamIdleTimeout")]
    public void Validate_AZeroOrNegativeTimeout_IsRefusedButInfiniteAndATickAreAllowed(string name)
    {
        foreach (var refused in new[] { TimeSpan.Zero, TimeSpan.FromSeconds(-1) })
        {
            var options = WithTimeout(name, refused);
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => options.Validate(NoEnvironment))!;
            Assert.That(error.ParamName, Is.EqualTo(name));
            Assert.That(error.Message, Does.Contain("allowed: more than zero, or Timeout.InfiniteTimeSpan"));
        }

        Assert.DoesNotThrow(() => WithTimeout(name, Timeout.InfiniteTimeSpan).Validate(NoEnvironment));
        Assert.DoesNotThrow(() => WithTimeout(name, TimeSpan.FromTicks(1)).Validate(NoEnvironment));
    }

    [TestCase(0L, false)]
    [TestCase(-5L, false)]
    [TestCase(1L, true)]
    public void Validate_MaxResponseBytes_MustBeOneOrMore(long bytes, bool allowed)
    {
        var options = Valid();
        options.MaxResponseBytes = bytes;

        if (allowed)
        {
            Assert.DoesNotThrow(() => options.Validate(NoEnvironment));
        }
        else
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => options.Validate(NoEnvironment))!;
            Assert.That(error.ParamName, Is.EqualTo("MaxResponseBytes"));
            Assert.That(error.Message, Does.Contain($"MaxResponseBytes is {bytes}; allowed: 1 or more."));
        }
    }

    [Test]
    public void Validate_AMissingRetryPolicy_IsRefused()
    {
        var options = Valid();
        options.RetryPolicy = null!;

        Assert.That(Assert.Throws<ArgumentNullException>(() => options.Validate(NoEnvironment))!.ParamName, Is.EqualTo("RetryPolicy"));
        Assert.That(Assert.Throws<ArgumentNullException>(() => options.Clone())!.ParamName, Is.EqualTo("RetryPolicy"));
    }

    [Test]
    public void Validate_WithoutAKeyInTheOptions_TakesTheFirstNonBlankEnvironmentVariable()
    {
        var environment = new Dictionary<string, string?> { ["AIML_API_KEY"] = " ", ["AIMLAPI_API_KEY"] = " second ", ["OPENAI_API_KEY"] = "openai" };
        var options = new GeminiClientOptions { ApiKey = "  " };

        Assert.That(options.Validate(name => environment.TryGetValue(name, out var value) ? value : null), Is.EqualTo("second"));

        environment["AIML_API_KEY"] = "first";
        Assert.That(options.Validate(name => environment.TryGetValue(name, out var value) ? value : null), Is.EqualTo("first"));
    }

    [Test]
    public void Validate_WithNoKeyAnywhere_NamesApiKeyAndTheVariables()
    {
        var options = new GeminiClientOptions();

        var error = Assert.Throws<ArgumentException>(() => options.Validate(name => name == "OPENAI_API_KEY" ? "openai" : null))!;
        Assert.That(error.ParamName, Is.EqualTo("ApiKey"));
        Assert.That(error.Message, Does.Contain("AIML_API_KEY").And.Contain("AIMLAPI_API_KEY"));
    }

    [TestCase("a b")]
    [TestCase("key\u007f")]
    [TestCase("k\u00e9y")]
    [TestCase("key\n1")]
    public void Validate_AKeyThatCannotGoInAHeader_IsRefused(string key)
    {
        var options = new GeminiClientOptions { ApiKey = key };

        Assert.That(Assert.Throws<ArgumentException>(() => options.Validate(NoEnvironment))!.ParamName, Is.EqualTo("ApiKey"));
    }

    [Test]
    public void Validate_AKeyOfTheFirstAndLastPrintableCharacters_IsAllowed()
    {
        Assert.That(new GeminiClientOptions { ApiKey = "!~" }.Validate(NoEnvironment), Is.EqualTo("!~"));
    }

    [Test]
    public void HasApiKey_IsTrueOnlyForANonEmptyKey()
    {
        Assert.That(new GeminiClientOptions().HasApiKey, Is.False);
        Assert.That(new GeminiClientOptions { ApiKey = "" }.HasApiKey, Is.False);
        Assert.That(new GeminiClientOptions { ApiKey = "k" }.HasApiKey, Is.True);
    }

    [Test]
    public void Clone_CopiesEverySettingAndAnIndependentRetryPolicy()
    {
        var logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        Action<GeminiAttempt> onAttempt = _ => { };
        using var http = new System.Net.Http.HttpClient();
        var options = new GeminiClientOptions
        {
            BaseUrl = new Uri("https://example.test"), ApiKey = "key", DefaultModel = "m", DefaultMaxCompletionTokens = 9,
            TruncationBehavior = TruncationBehavior.Throw, AttemptTimeout = TimeSpan.FromSeconds(1), TotalTimeout = TimeSpan.FromSeconds(2),
            StreamIdleTimeout = TimeSpan.FromSeconds(3), MaxResponseBytes = 4, HttpClient = http, Logger = logger, OnAttempt = onAttempt,
            ApplicationId = "app", RetryPolicy = new RetryPolicy { MaxRetries = 7 },
        };

        var clone = options.Clone();

        Assert.That(clone.ToString(), Is.EqualTo(options.ToString()));
        Assert.That(clone.ApiKey, Is.EqualTo("key"));
        Assert.That(clone.HttpClient, Is.SameAs(http));
        Assert.That(clone.Logger, Is.SameAs(logger));
        Assert.That(clone.OnAttempt, Is.SameAs(onAttempt));
        Assert.That(clone.RetryPolicy, Is.Not.SameAs(options.RetryPolicy));
        Assert.That(clone.RetryPolicy.MaxRetries, Is.EqualTo(7));
    }

    [Test]
    public void ToString_ShowsEverySettingButTheKey()
    {
        var options = new GeminiClientOptions { ApiKey = "secret-key", DefaultMaxCompletionTokens = null, ApplicationId = "app" };

        var text = options.ToString();

        Assert.That(text, Does.Contain("ApiKey = (set)").And.Contain("DefaultMaxCompletionTokens = null").And.Contain("ApplicationId = app")
            .And.Contain("HttpClient = (created)").And.Contain("MaxResponseBytes = 16777216").And.Contain("StreamIdleTimeout = 00:02:00")
            .And.Contain("MaxRetries = 2").And.Not.Contain("secret-key"));
        Assert.That(new GeminiClientOptions().ToString(), Does.Contain("ApiKey = (not set)").And.Contain("DefaultMaxCompletionTokens = 15000")
            .And.Contain("ApplicationId = null"));
    }

    [Test]
    public void RetryPolicy_Validate_ChecksEachBoundOnBothSides()
    {
        AssertAllowed(new RetryPolicy { MaxRetries = 0, InitialBackoff = TimeSpan.Zero, MaxBackoff = TimeSpan.Zero, MaxRetryAfter = TimeSpan.Zero, RetryBudget = 0, RetryCost = 1 });
        AssertRefused(new RetryPolicy { MaxRetries = -1 }, "MaxRetries", "0 or more");
        AssertRefused(new RetryPolicy { InitialBackoff = TimeSpan.FromTicks(-1), MaxBackoff = TimeSpan.Zero }, "InitialBackoff", "zero or more");
        AssertRefused(new RetryPolicy { InitialBackoff = TimeSpan.FromSeconds(2), MaxBackoff = TimeSpan.FromSeconds(1) }, "MaxBackoff", "at least InitialBackoff");
        AssertAllowed(new RetryPolicy { InitialBackoff = TimeSpan.FromSeconds(2), MaxBackoff = TimeSpan.FromSeconds(2) });
        AssertRefused(new RetryPolicy { MaxRetryAfter = TimeSpan.FromTicks(-1) }, "MaxRetryAfter", "zero or more");
        AssertRefused(new RetryPolicy { RetryBudget = -1 }, "RetryBudget", "0 (off) or more");
        AssertRefused(new RetryPolicy { RetryCost = 0 }, "RetryCost", "1 or more");

        Assert.That(Assert.Throws<ArgumentNullException>(() => new RetryPolicy { RetryableStatusCodes = null! }.Validate())!.ParamName,
            Is.EqualTo("RetryPolicy.RetryableStatusCodes"));
        var forbidden = Assert.Throws<ArgumentException>(() => new RetryPolicy { RetryableStatusCodes = new HashSet<int> { 503, 404, 400 } }.Validate())!;
        Assert.That(forbidden.ParamName, Is.EqualTo("RetryPolicy.RetryableStatusCodes"));
        Assert.That(forbidden.Message, Does.StartWith("RetryPolicy.RetryableStatusCodes contains 400, 404;"));
    }

    [Test]
    public void RetryPolicy_Backoff_DoublesFromTheInitialBackoffUpToTheCapTimesTheRandomFactor()
    {
        var policy = new RetryPolicy { InitialBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(5) };

        Assert.That(policy.Backoff(0, 1), Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(policy.Backoff(1, 1), Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(policy.Backoff(2, 1), Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(policy.Backoff(3, 0.5), Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(policy.Backoff(4, 1), Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(policy.Backoff(3, 0), Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void RetryPolicy_CloneAndToString_CarryEverySetting()
    {
        var policy = new RetryPolicy
        {
            MaxRetries = 3, InitialBackoff = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromSeconds(4), MaxRetryAfter = TimeSpan.FromSeconds(9),
            RetryOnTimeout = true, RetryableStatusCodes = new HashSet<int> { 503, 429 }, RetryBudget = 11, RetryCost = 2,
        };

        var clone = policy.Clone();
        policy.RetryableStatusCodes.Add(500);

        Assert.That(clone.ToString(), Is.EqualTo(
            "RetryPolicy { MaxRetries = 3, InitialBackoff = 00:00:01, MaxBackoff = 00:00:04, MaxRetryAfter = 00:00:09, RetryOnTimeout = True, " +
            "RetryableStatusCodes = [429, 503], RetryBudget = 11, RetryCost = 2 }"));
        Assert.That(clone.IsRetryable(503), Is.True);
        Assert.That(clone.IsRetryable(500), Is.False);
        Assert.That(RetryPolicy.None.MaxRetries, Is.Zero);
        Assert.That(new RetryPolicy().RetryableStatusCodes, Is.EquivalentTo(new[] { 408, 429, 500, 502, 503, 504 }));
    }

    private static GeminiClientOptions WithTimeout(string name, TimeSpan value)
    {
        var options = Valid();
        switch (name)
        {
            case "AttemptTimeout":
                options.AttemptTimeout = value;
                break;
            case "TotalTimeout":
                options.TotalTimeout = value;
                break;
            default:
                options.StreamIdleTimeout = value;
                break;
        }

        return options;
    }

    private static void AssertAllowed(RetryPolicy policy) => Assert.DoesNotThrow(policy.Validate);

    private static void AssertRefused(RetryPolicy policy, string name, string allowed)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(policy.Validate)!;
        Assert.That(error.ParamName, Is.EqualTo("RetryPolicy." + name));
        Assert.That(error.Message, Does.Contain($"RetryPolicy.{name} is ").And.Contain($"; allowed: {allowed}."));
    }
}
