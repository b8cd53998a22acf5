using System;
using System.Collections.Generic;
using RangeAttribute = System.ComponentModel.DataAnnotations.RangeAttribute;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Gemini.Generated.Testing;
using Newtonsoft.Json;

namespace Gemini.Generated.Tests.Reliability;

/// <summary>A request the service would reject is refused before anything is sent, naming the JSON path, the value and what is allowed.</summary>
public class ValidationTests
{
    private static readonly string SixtyFiveCharacters = new('n', 65);

    private FakeAimlServer _server = null!;
    private GeminiClient _client = null!;

    public static IEnumerable<TestCaseData> InvalidRequests()
    {
        TestCaseData Case(string name, Action<ChatCompletionRequest> breakIt, string path, Type type, params string[] fragments) =>
            new TestCaseData(breakIt, path, type, fragments).SetArgDisplayNames(name);

        yield return Case("temperature above 2", r => r.Temperature = 2.5, "temperature", typeof(ArgumentOutOfRangeException), "2.5", "allowed: 0 to 2");
        yield return Case("temperature below 0", r => r.Temperature = -0.1, "temperature", typeof(ArgumentOutOfRangeException), "-0.1", "allowed: 0 to 2");
        yield return Case("temperature NaN", r => r.Temperature = double.NaN, "temperature", typeof(ArgumentOutOfRangeException), "NaN", "allowed: 0 to 2");
        yield return Case("top_p 0", r => r.TopP = 0, "top_p", typeof(ArgumentOutOfRangeException), "is 0", "allowed: 0.01 to 1");
        yield return Case("top_p above 1", r => r.TopP = 1.5, "top_p", typeof(ArgumentOutOfRangeException), "1.5", "allowed: 0.01 to 1");
        yield return Case("frequency_penalty above 2", r => r.FrequencyPenalty = 2.5, "frequency_penalty", typeof(ArgumentOutOfRangeException), "2.5", "allowed: -2 to 2");
        yield return Case("frequency_penalty below -2", r => r.FrequencyPenalty = -2.01, "frequency_penalty", typeof(ArgumentOutOfRangeException), "-2.01", "allowed: -2 to 2");
        yield return Case("presence_penalty above 2", r => r.PresencePenalty = 3, "presence_penalty", typeof(ArgumentOutOfRangeException), "is 3", "allowed: -2 to 2");
        yield return Case("presence_penalty below -2", r => r.PresencePenalty = -3, "presence_penalty", typeof(ArgumentOutOfRangeException), "-3", "allowed: -2 to 2");
        yield return Case("n 0", r => r.N = 0, "n", typeof(ArgumentOutOfRangeException), "is 0", "allowed: 1 or more");
        yield return Case("max_completion_tokens 0", r => r.MaxCompletionTokens = 0, "max_completion_tokens", typeof(ArgumentOutOfRangeException), "is 0", "allowed: 1 or more");
        yield return Case("max_tokens -1", r => r.MaxTokens = -1, "max_tokens", typeof(ArgumentOutOfRangeException), "-1", "allowed: 1 or more");
        yield return Case("seed 0", r => r.Seed = 0, "seed", typeof(ArgumentOutOfRangeException), "is 0", "allowed: 1 or more");
        yield return Case("stop with 5 sequences", r => r.Stop = new[] { "a", "b", "c", "d", "e" }, "stop", typeof(ArgumentOutOfRangeException), "5 sequences", "at most 4");
        yield return Case("messages empty", r => r.Messages.Clear(), "messages", typeof(ArgumentException), "empty", "at least 1");
        yield return Case("a null message", r => r.Messages.Add(null!), "messages[1]", typeof(ArgumentException), "null", "allowed");
        yield return Case(
            "a tool message without tool_call_id",
            r =>
            {
                r.Messages.Add(ChatMessage.Assistant("Calling."));
                r.Messages.Add(new ToolMessage { Content = "42" });
            },
            "messages[2].tool_call_id",
            typeof(ArgumentException),
            "required but is null");
        yield return Case(
            "a tool message with an empty tool_call_id",
            r =>
            {
                r.Messages.Add(ChatMessage.Assistant("Calling."));
                r.Messages.Add(new ToolMessage { ToolCallId = string.Empty, Content = "42" });
            },
            "messages[2].tool_call_id",
            typeof(ArgumentException),
            "required but is empty");
        yield return Case(
            "a json_schema name with a space",
            r => r.ResponseFormat = new JsonSchemaResponseFormat { JsonSchema = new JsonSchemaDefinition { Name = "my schema" } },
            "response_format.json_schema.name",
            typeof(ArgumentException),
            "\"my schema\"",
            "letters a-z and A-Z, digits, underscores and dashes");
        yield return Case(
            "a json_schema name of 65 characters",
            r => r.ResponseFormat = new JsonSchemaResponseFormat { JsonSchema = new JsonSchemaDefinition { Name = SixtyFiveCharacters } },
            "response_format.json_schema.name",
            typeof(ArgumentOutOfRangeException),
            SixtyFiveCharacters.Substring(0, 40),
            "65 characters",
            "at most 64 characters");
        yield return Case(
            "a tool function name with a dot",
            r => r.Tools = new List<ChatTool> { new() { Function = new FunctionDefinition { Name = "weather.get" } } },
            "tools[0].function.name",
            typeof(ArgumentException),
            "\"weather.get\"",
            "letters a-z and A-Z, digits, underscores and dashes");
        yield return Case(
            "a tool function name of 65 characters",
            r => r.Tools = new List<ChatTool> { new() { Function = new FunctionDefinition { Name = SixtyFiveCharacters } } },
            "tools[0].function.name",
            typeof(ArgumentOutOfRangeException),
            "65 characters",
            "at most 64 characters");
    }

    [OneTimeSetUp]
    public void StartServer()
    {
        _server = FakeAimlServer.Start();
        _client = TestClient.Create(_server, Harness.Fast);
    }

    [OneTimeTearDown]
    public void StopServer() => _server.Dispose();

    [SetUp]
    public void ForgetRequests() => _server.Reset();

    [TestCaseSource(nameof(InvalidRequests))]
    public void CompleteAndStream_WhenTheRequestBreaksAConstraint_ThrowNamingThePathValueAndAllowedAndSendNothing(
        Action<ChatCompletionRequest> breakIt, string path, Type type, string[] fragments)
    {
        var request = Harness.Hello();
        breakIt(request);

        var completing = (ArgumentException)Assert.ThrowsAsync(Is.TypeOf(type), () => _client.CompleteAsync(request))!;
        var streaming = (ArgumentException)Assert.Throws(Is.TypeOf(type), () => _client.CompleteStreamingAsync(request))!;

        foreach (var error in new[] { completing, streaming })
        {
            Assert.That(error.ParamName, Is.EqualTo(path));
            Assert.That(error.Message, Does.StartWith(path));
            foreach (var fragment in fragments)
            {
                Assert.That(error.Message, Does.Contain(fragment));
            }
        }

        Assert.That(_server.Requests, Is.Empty);
    }

    [TestCase(129, "a", TestName = "ClientRequestId of 129 characters")]
    [TestCase(1, "trace id", TestName = "ClientRequestId with a space")]
    [TestCase(1, "trace/1", TestName = "ClientRequestId with a slash")]
    [TestCase(1, "", TestName = "ClientRequestId empty")]
    public void CompleteAsync_WhenTheClientRequestIdIsInvalid_ThrowsAndSendsNothing(int repeat, string unit)
    {
        var id = string.Concat(Enumerable.Repeat(unit, repeat));

        var error = Assert.ThrowsAsync<ArgumentException>(() => _client.CompleteAsync(Harness.Hello(), new ChatRequestOptions { ClientRequestId = id }))!;

        Assert.That(error.ParamName, Is.EqualTo(nameof(ChatRequestOptions.ClientRequestId)));
        Assert.That(error.Message, Does.Contain($"\"{(id.Length > 40 ? id.Substring(0, 40) : id)}"));
        Assert.That(error.Message, Does.Contain($"({id.Length} characters)"));
        Assert.That(error.Message, Does.Contain("allowed: 1 to 128 characters of A-Z a-z 0-9 . _ : -"));
        Assert.That(_server.Requests, Is.Empty);
    }

    [TestCase("trace\r\nid", "trace\\r\\nid")]
    [TestCase("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\\n")]
    [TestCase("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...")]
    public void CompleteAsync_AnInvalidClientRequestId_IsQuotedEscapedAndCutAt40Characters(string id, string shown)
    {
        var error = Assert.ThrowsAsync<ArgumentException>(() => _client.CompleteAsync(Harness.Hello(), new ChatRequestOptions { ClientRequestId = id }))!;

        Assert.That(error.Message, Does.StartWith(
            $"ClientRequestId \"{shown}\" ({id.Length} characters) is not a valid X-Client-Request-Id; allowed: 1 to 128 characters of A-Z a-z 0-9 . _ : - " +
            "(the service would silently drop it and still bill the request)."));
    }

    [Test]
    public async Task CompleteAsync_WhenTheClientRequestIdHasAllowedCharactersUpTo128_SendsIt()
    {
        var id = string.Concat(Enumerable.Repeat("Az09._:-", 16));

        await _client.CompleteAsync(Harness.Hello(), new ChatRequestOptions { ClientRequestId = id });

        Assert.That(_server.Requests.Single().ClientRequestId, Is.EqualTo(id));
    }

    [Test]
    public async Task CompleteAsync_WithExactlyFourStopSequences_SendsThem()
    {
        var request = Harness.Hello();
        request.Stop = new[] { "a", "b", "c", "d" };

        await _client.CompleteAsync(request);

        Assert.That(_server.Requests.Single().Json!["stop"]!.ToObject<string[]>(), Is.EqualTo(new[] { "a", "b", "c", "d" }));
    }

    [Test]
    public void Temperature_InTheGeneratedModel_CarriesTheSpecRangeTheMessageQuotes()
    {
        var range = typeof(ChatCompletionRequest).GetProperty(nameof(ChatCompletionRequest.Temperature))!.GetCustomAttribute<RangeAttribute>()!;
        Assert.That(range.Minimum, Is.EqualTo(0d));
        Assert.That(range.Maximum, Is.EqualTo(2d));

        var request = Harness.Hello();
        request.Temperature = 2.5;
        var error = Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _client.CompleteAsync(request))!;

        Assert.That(error.Message, Does.Contain($"allowed: {range.Minimum} to {range.Maximum}."));
    }

    [Test]
    public void EveryRangeInTheGeneratedRequest_IsCheckedWithItsOwnBoundsAndJsonName()
    {
        var ranged = typeof(ChatCompletionRequest).GetProperties()
            .Select(p => (Property: p, Range: p.GetCustomAttribute<RangeAttribute>(), Json: p.GetCustomAttribute<JsonPropertyAttribute>()?.PropertyName ?? p.Name))
            .Where(p => p.Range is not null)
            .ToArray();
        Assert.That(ranged.Select(p => p.Json), Is.SupersetOf(new[] { "temperature", "top_p", "frequency_penalty", "presence_penalty", "n", "max_completion_tokens", "max_tokens", "seed" }));

        foreach (var (property, range, json) in ranged)
        {
            var minimum = Convert.ToDouble(range!.Minimum, CultureInfo.InvariantCulture);
            var maximum = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
            var unbounded = maximum >= int.MaxValue;
            var outside = unbounded ? minimum - 1 : maximum + 1;
            var request = Harness.Hello();
            property.SetValue(request, Convert.ChangeType(outside, Nullable.GetUnderlyingType(property.PropertyType)!, CultureInfo.InvariantCulture));

            var error = Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _client.CompleteAsync(request), json)!;

            var allowed = unbounded ? $"allowed: {Format(minimum)} or more." : $"allowed: {Format(minimum)} to {Format(maximum)}.";
            Assert.That(error.ParamName, Is.EqualTo(json));
            Assert.That(error.Message, Does.Contain($"{json} is {Format(outside)};").And.Contain(allowed), json);
        }

        Assert.That(_server.Requests, Is.Empty);
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
