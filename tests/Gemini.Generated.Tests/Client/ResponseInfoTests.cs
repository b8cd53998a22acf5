using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Gemini.Generated.Testing;

namespace Gemini.Generated.Tests.Client;

/// <summary><see cref="ResponseInfo"/>: the headers of a real response as a dictionary, and one built by hand for a test.</summary>
public class ResponseInfoTests
{
    [Test]
    public async Task Headers_OfAResponse_AreItsResponseAndContentHeadersByAnyCase()
    {
        using var server = FakeAimlServer.Start();
        server.Enqueue(FakeReply.Completion("Paris.").WithHeader("x-ratelimit-remaining-requests", "41").WithInferenceId("inf-7"));

        var completion = await server.CreateClient().CompleteAsync("Capital of France?");

        var headers = completion.ResponseInfo!.Headers;
        Assert.That(headers.ContainsKey("X-RateLimit-Remaining-Requests"), Is.True);
        Assert.That(headers.ContainsKey("CONTENT-TYPE"), Is.True, "a content header");
        Assert.That(headers.ContainsKey("x-not-sent"), Is.False);
        Assert.That(() => headers["x-not-sent"], Throws.TypeOf<KeyNotFoundException>());

        var copy = headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value);
        Assert.That(copy["x-ratelimit-remaining-requests"], Is.EqualTo(new[] { "41" }));
        Assert.That(copy["x-inference-id"], Is.EqualTo(new[] { "inf-7" }));
        Assert.That(copy["content-type"].Single(), Does.StartWith("application/json"));
        Assert.That(headers.Count, Is.EqualTo(copy.Count).And.EqualTo(headers.Keys.Count()).And.EqualTo(headers.Values.Count()));
        Assert.That(headers.Keys.Select(k => k.ToLowerInvariant()), Is.EquivalentTo(copy.Keys));
        Assert.That(headers.Values, Has.Member(new[] { "inf-7" }));

        Assert.That(headers["X-INFERENCE-ID"], Is.EqualTo(new[] { "inf-7" }), "once enumerated, still by any case");
        Assert.That(headers.ContainsKey("content-type"), Is.True);
        Assert.That(headers.ContainsKey("x-not-sent"), Is.False);
    }

    [Test]
    public void Headers_OfAResponse_LookedUpBeforeAnyEnumeration_GoStraightToTheResponse()
    {
        using var response = new System.Net.Http.HttpResponseMessage(System.Net.HttpStatusCode.OK)
        {
            Content = new System.Net.Http.StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        };
        response.Headers.TryAddWithoutValidation("x-inference-id", new[] { "a", "b" });
        var headers = new ResponseHeaders(response);

        Assert.That(headers.TryGetValue("X-Inference-Id", out var values), Is.True);
        Assert.That(values, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(headers.First("x-inference-id"), Is.EqualTo("a"));
        Assert.That(headers.First("content-type"), Does.StartWith("application/json"));
        Assert.That(headers.TryGetValue("x-other", out var none), Is.False);
        Assert.That(none, Is.Empty);
        Assert.That(headers.First("x-other"), Is.Null);
    }

    [Test]
    public void ResponseInfo_BuiltByHand_ReadsItsHeadersByAnyCase()
    {
        var info = new ResponseInfo(201, new Dictionary<string, IEnumerable<string>>
        {
            ["X-Inference-Id"] = new[] { "inf-1", "inf-2" },
            ["x-client-request-id"] = new[] { "req-9" },
            ["x-aimlapi-credits-used"] = new[] { "1.5e2" },
            ["x-aimlapi-usd-spent"] = new[] { "n/a" },
            ["x-empty"] = Array.Empty<string>(),
        }, attempts: 3);

        Assert.That(info.StatusCode, Is.EqualTo(201));
        Assert.That(info.Attempts, Is.EqualTo(3));
        Assert.That(info.InferenceId, Is.EqualTo("inf-1"), "the first value");
        Assert.That(info.ClientRequestId, Is.EqualTo("req-9"));
        Assert.That(info.CreditsUsed, Is.EqualTo(150m));
        Assert.That(info.UsdSpent, Is.Null, "a value that is not a number");
        Assert.That(info.GetHeader("X-EMPTY"), Is.Null, "a header with no value");
        Assert.That(info.GetHeader("x-missing"), Is.Null);
        Assert.That(info.Headers["x-inference-id"], Is.EqualTo(new[] { "inf-1", "inf-2" }));
        Assert.That(info.Headers.Count, Is.EqualTo(5));
        Assert.That(info.ToString(), Is.EqualTo("ResponseInfo { StatusCode = 201, Attempts = 3, InferenceId = inf-1, ClientRequestId = req-9 }"));
        Assert.That(new ResponseInfo(200, new Dictionary<string, IEnumerable<string>>()).ToString(),
            Is.EqualTo("ResponseInfo { StatusCode = 200, Attempts = 1, InferenceId = null, ClientRequestId = null }"));
    }

    [Test]
    public void ResponseInfo_WithoutHeaders_NamesTheParameter()
    {
        var error = Assert.Throws<ArgumentNullException>(() => new ResponseInfo(200, null!))!;

        Assert.That(error.ParamName, Is.EqualTo("headers"));
    }
}
