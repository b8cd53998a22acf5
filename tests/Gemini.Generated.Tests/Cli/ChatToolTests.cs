using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Gemini.Chat;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Streaming;
using Gemini.Generated.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated.Tests.Cli;

/// <summary>gemini-chat's command line, run in process against the fake server: every option and every exit code.</summary>
public class ChatToolTests
{
    private const string Key = "cli-test-key-7f3a9c2e5b1d";

    private FakeAimlServer _server = null!;

    [SetUp]
    public void SetUp() => _server = FakeAimlServer.Start();

    [TearDown]
    public void TearDown() => _server.Dispose();

    private sealed record Run(int ExitCode, string Stdout, string Stderr, RecordingWriter Writer);

    private async Task<Run> RunAsync(params string[] args) => await RunWithAsync(new Dictionary<string, string?>(), null, args);

    private async Task<Run> RunWithAsync(IDictionary<string, string?> environment, string? stdin, params string[] args)
    {
        var stdout = new RecordingWriter();
        var stderr = new StringWriter();
        var exitCode = await ChatCommand.RunAsync(args, new StringReader(stdin ?? string.Empty), stdout, stderr,
            name => environment.TryGetValue(name, out var value) ? value : null, CancellationToken.None);
        return new Run(exitCode, stdout.ToString(), stderr.ToString(), stdout);
    }

    private string[] Against(params string[] args) =>
        new[] { "--base-url", _server.Url.ToString(), "--api-key", Key }.Concat(args).ToArray();

    [Test]
    public async Task Help_PrintsUsageAndExitsZero()
    {
        var run = await RunAsync("--help");

        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Stdout, Does.Contain("Usage: gemini-chat [options] <prompt>").And.Contain("--mock").And.Contain("Exit codes"));
    }

    [Test]
    public async Task Prompt_GoesToTheServerAndTheAnswerToStdout_WithTheSummaryOnStderr()
    {
        _server.Enqueue(FakeReply.Completion("Blue light scatters more.").WithUsage(6, 90, reasoningTokens: 80).WithCost(700, 0.000227m).WithInferenceId("inf-42"));

        var run = await RunAsync(Against("Why is the sky blue?"));

        Assert.That(run.ExitCode, Is.EqualTo(ChatCommand.Success), run.Stderr);
        Assert.That(run.Stdout, Is.EqualTo("Blue light scatters more." + Environment.NewLine));
        Assert.That(run.Stderr.Trim(), Is.EqualTo(
            "finish_reason: stop | prompt_tokens: 6 | completion_tokens: 90 | reasoning_tokens: 80 | usd: 0.000227 | inference_id: inf-42"));
        var request = _server.Requests.Single();
        Assert.That(request.Header("Authorization"), Is.EqualTo("Bearer " + Key));
        Assert.That((string?)request.Json!["messages"]![0]!["content"], Is.EqualTo("Why is the sky blue?"));
    }

    [Test]
    public async Task Options_ModelMaxTokensTemperatureSystemProviderAndRequestId_AreSent()
    {
        var run = await RunAsync(Against("--model", "google/gemini-2.5-flash-lite", "--max-tokens", "2048", "--temperature", "0.2",
            "--system", "Be brief.", "--provider", "google", "--request-id", "run-7.a:b_c", "Hi"));

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
        var request = _server.Requests.Single();
        Assert.That((string?)request.Json!["model"], Is.EqualTo("google/gemini-2.5-flash-lite"));
        Assert.That((int?)request.Json["max_completion_tokens"], Is.EqualTo(2048));
        Assert.That((double?)request.Json["temperature"], Is.EqualTo(0.2));
        Assert.That((string?)request.Json["provider"], Is.EqualTo("google"));
        Assert.That(request.Json["messages"]!.Select(m => (string?)m["role"]), Is.EqualTo(new[] { "system", "user" }));
        Assert.That((string?)request.Json["messages"]![0]!["content"], Is.EqualTo("Be brief."));
        Assert.That(request.ClientRequestId, Is.EqualTo("run-7.a:b_c"));
    }

    [Test]
    public async Task ApiKey_ComesFromAimlApiKeyThenAimlapiApiKey_NeverFromOpenAiApiKey()
    {
        var first = await RunWithAsync(new Dictionary<string, string?> { ["AIML_API_KEY"] = "key-from-aiml-api-key", ["AIMLAPI_API_KEY"] = "key-from-aimlapi" }, null, "--base-url", _server.Url.ToString(), "Hi");
        var second = await RunWithAsync(new Dictionary<string, string?> { ["AIMLAPI_API_KEY"] = "key-from-aimlapi" }, null, "--base-url", _server.Url.ToString(), "Hi");
        var openAiOnly = await RunWithAsync(new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-openai-key" }, null, "--base-url", _server.Url.ToString(), "Hi");

        Assert.That(first.ExitCode, Is.EqualTo(0));
        Assert.That(second.ExitCode, Is.EqualTo(0));
        Assert.That(_server.Requests.Select(r => r.Header("Authorization")), Is.EqualTo(new[] { "Bearer key-from-aiml-api-key", "Bearer key-from-aimlapi" }));
        Assert.That(openAiOnly.ExitCode, Is.EqualTo(ChatCommand.InvalidArguments));
        Assert.That(openAiOnly.Stderr, Does.Contain("--api-key").And.Contain("AIML_API_KEY").And.Contain("AIMLAPI_API_KEY"));
        Assert.That(_server.Requests, Has.Count.EqualTo(2), "nothing is sent without a key");
    }

    [Test]
    public async Task Stream_PrintsEachPieceAsItArrivesAndFlushesAfterEach()
    {
        _server.Enqueue(FakeReply.Completion("one two three").WithChunks("one", " two", " three"));

        var run = await RunAsync(Against("--stream", "Count"));

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
        Assert.That(run.Stdout, Is.EqualTo("one two three" + Environment.NewLine));
        Assert.That(run.Writer.TextAtEachFlush, Is.SupersetOf(new[] { "one", "one two", "one two three" }), "stdout is flushed after each piece");
        Assert.That(_server.Requests.Single().IsStreaming, Is.True);
        Assert.That(run.Stderr, Does.Contain("finish_reason: stop"));
    }

    [Test]
    public async Task Json_PrintsTheRawCompletion()
    {
        _server.Enqueue(FakeReply.Completion("Hi there").WithExtraField("provider_note", "kept"));

        var run = await RunAsync(Against("--json", "Hi"));

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
        var json = JObject.Parse(run.Stdout);
        Assert.That((string?)json["object"], Is.EqualTo("chat.completion"));
        Assert.That((string?)json["choices"]![0]!["message"]!["content"], Is.EqualTo("Hi there"));
        Assert.That((string?)json["provider_note"], Is.EqualTo("kept"));
    }

    [Test]
    public async Task JsonWithStream_PrintsOneChunkPerLine()
    {
        _server.Enqueue(FakeReply.Completion("a b").WithChunks("a", " b"));

        var run = await RunAsync(Against("--json", "--stream", "Hi"));

        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(JObject.Parse).ToList();
        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
        Assert.That(lines, Has.All.Matches<JObject>(l => (string?)l["object"] == "chat.completion.chunk"));
        Assert.That(string.Concat(lines.Select(l => (string?)l["choices"]?.FirstOrDefault()?["delta"]?["content"])), Is.EqualTo("a b"));
    }

    [Test]
    public async Task Mock_AnswersWithoutAKeyOrTheNetwork()
    {
        var run = await RunWithAsync(new Dictionary<string, string?>(), null, "--mock", "Why is the sky blue?");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
        Assert.That(run.Stdout, Does.Contain("built-in fake server").And.Contain("Why is the sky blue?"));
        Assert.That(run.Stderr, Does.Match("finish_reason: stop \\| prompt_tokens: \\d+ \\| completion_tokens: \\d+ \\| reasoning_tokens: 320 \\| usd: [0-9.]+ \\| inference_id: fake-inference-\\d+"));
        Assert.That(_server.Requests, Is.Empty, "the mock runs its own server");
    }

    [Test]
    public async Task Dash_ReadsThePromptFromStdin()
    {
        var run = await RunWithAsync(new Dictionary<string, string?>(), "A question from stdin\n", Against("-"));

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
        Assert.That((string?)_server.Requests.Single().Json!["messages"]![0]!["content"], Is.EqualTo("A question from stdin"));
    }

    private static IEnumerable<TestCaseData> InvalidArguments()
    {
        yield return new TestCaseData(new[] { "--bogus", "Hi" }, "--bogus").SetName("Exit2_UnknownOption");
        yield return new TestCaseData(new[] { "Hi", "--model" }, "--model needs a value").SetName("Exit2_MissingValue");
        yield return new TestCaseData(new[] { "--max-tokens", "0", "Hi" }, "--max-tokens").SetName("Exit2_MaxTokensZero");
        yield return new TestCaseData(new[] { "--max-tokens", "many", "Hi" }, "--max-tokens").SetName("Exit2_MaxTokensNotANumber");
        yield return new TestCaseData(new[] { "--temperature", "hot", "Hi" }, "--temperature").SetName("Exit2_TemperatureNotANumber");
        yield return new TestCaseData(new[] { "--temperature", "3", "Hi" }, "(--temperature): temperature is 3; allowed: 0 to 2").SetName("Exit2_TemperatureOutOfRange");
        yield return new TestCaseData(new[] { "--timeout", "0", "Hi" }, "--timeout").SetName("Exit2_TimeoutZero");
        yield return new TestCaseData(new[] { "--request-id", "has space", "Hi" }, "(--request-id)").SetName("Exit2_InvalidRequestId");
        yield return new TestCaseData(new[] { "--base-url", "ftp://example.com", "Hi" }, "--base-url").SetName("Exit2_BadBaseUrl");
        yield return new TestCaseData(Array.Empty<string>(), "A prompt is required").SetName("Exit2_NoPrompt");
        yield return new TestCaseData(new[] { "two", "prompts" }, "One prompt is expected").SetName("Exit2_TwoPrompts");
    }

    [TestCaseSource(nameof(InvalidArguments))]
    public async Task InvalidArgumentsOrRequest_ExitWith2NamingTheParameter_AndSendNothing(string[] args, string named)
    {
        var run = await RunAsync(Against(args));

        Assert.That(run.ExitCode, Is.EqualTo(ChatCommand.InvalidArguments), run.Stderr);
        Assert.That(run.Stderr, Does.Contain(named));
        Assert.That(run.Stderr.Trim().Split('\n'), Has.Length.EqualTo(1), "one line");
        Assert.That(_server.Requests, Is.Empty, "nothing is sent");
    }

    [Test]
    public async Task ApiError_ExitsWith3ShowingStatusMessageAndRequestId()
    {
        _server.Enqueue(FakeReply.Error(400, "Body validation error: provider: invalid value"));

        var run = await RunAsync(Against("Hi"));

        Assert.That(run.ExitCode, Is.EqualTo(ChatCommand.ApiError));
        Assert.That(run.Stderr, Does.Match("API error 400: Body validation error: provider: invalid value \\(request id fake-request-[0-9a-f]+\\)"));
    }

    [Test]
    public async Task Truncation_ExitsWith4_PrintsTheTextReceived_AndSaysHowToRaiseMaxTokens()
    {
        _server.Enqueue(FakeReply.Completion("The beginning of a long").WithFinishReason("length"));

        var run = await RunAsync(Against("--max-tokens", "64", "Tell me everything"));

        Assert.That(run.ExitCode, Is.EqualTo(ChatCommand.Truncated));
        Assert.That(run.Stdout, Does.Contain("The beginning of a long"));
        Assert.That(run.Stderr, Does.Contain("finish_reason: length").And.Contain("truncated at the token limit (64").And.Contain("--max-tokens"));
    }

    [Test]
    public async Task Truncation_WhenReasoningTookTheWholeLimit_ExitsWith4()
    {
        _server.Enqueue(FakeReply.Completion("Never shown").WithReasoningTokens(500));

        var run = await RunAsync(Against("--stream", "--max-tokens", "200", "Think"));

        Assert.That(run.ExitCode, Is.EqualTo(ChatCommand.Truncated));
        Assert.That(run.Stderr, Does.Contain("200 tokens went to reasoning").And.Contain("--max-tokens"));
    }

    [Test]
    public async Task NetworkFailure_ExitsWith5()
    {
        await using var refusing = new Support.RawHttpServer(connection =>
        {
            connection.Reset();
            return Task.CompletedTask;
        });

        var run = await RunAsync("--base-url", refusing.Url.ToString(), "--api-key", Key, "Hi");

        Assert.That(run.ExitCode, Is.EqualTo(ChatCommand.NetworkFailure), run.Stderr);
        Assert.That(run.Stderr, Does.Contain("network failure"));
    }

    [Test]
    public async Task Timeout_ExitsWith5()
    {
        // A server that never answers: the attempt timeout fires however fast or slow the machine is.
        await using var silent = new RawHttpServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.ClosedByClientAsync();
        });

        var run = await RunAsync(new[] { "--base-url", silent.Url.ToString(), "--api-key", Key, "--timeout", "0.3", "Hi" });

        Assert.That(run.ExitCode, Is.EqualTo(ChatCommand.NetworkFailure), run.Stderr);
        Assert.That(run.Stderr, Does.Contain("network failure").And.Contain("attempt timeout"));
    }

    [Test]
    public async Task StreamErrorEvent_ExitsWith3_AfterPrintingWhatArrived()
    {
        _server.Enqueue(FakeReply.Completion("half an").WithChunks("half", " an").ThenStreamError("Upstream provider failed"));

        var run = await RunAsync(Against("--stream", "Hi"));

        Assert.That(run.ExitCode, Is.EqualTo(ChatCommand.ApiError), run.Stderr);
        Assert.That(run.Stdout, Does.StartWith("half an"));
        Assert.That(run.Stderr, Does.Contain("Upstream provider failed"));
    }

    [Test]
    public async Task UnexpectedFailure_ExitsWith1InOneLine()
    {
        var stdout = new ThrowingWriter();
        var stderr = new StringWriter();

        var exitCode = await ChatCommand.RunAsync(Against("Hi"), new StringReader(string.Empty), stdout, stderr, _ => null, CancellationToken.None);

        Assert.That(exitCode, Is.EqualTo(ChatCommand.Unexpected));
        Assert.That(stderr.ToString().Trim().Split('\n'), Has.Length.EqualTo(1));
        Assert.That(stderr.ToString(), Does.Contain("IOException").And.Not.Contain("   at "));
    }

    [Test]
    public async Task StreamBrokenMidway_ExitsWith5_AfterPrintingWhatArrived()
    {
        _server.Enqueue(FakeReply.Completion("partial answer").WithChunks("partial", " answer").ThenDisconnect());

        var run = await RunAsync(Against("--stream", "Hi"));

        Assert.That(run.ExitCode, Is.EqualTo(ChatCommand.NetworkFailure), run.Stderr);
        Assert.That(run.Stdout, Does.StartWith("partial answer"));
    }

    [Test]
    public async Task ApiKey_IsNeverPrinted_EvenWhenTheServiceEchoesIt()
    {
        _server.Enqueue(FakeReply.Error(401, "Invalid API key: " + Key));

        var run = await RunAsync(Against("--json", "Hi"));

        Assert.That(run.ExitCode, Is.EqualTo(ChatCommand.ApiError));
        Assert.That(run.Stderr + run.Stdout, Does.Not.Contain(Key));
        Assert.That(run.Stderr, Does.Contain("API error 401"));
    }

    /// <summary>A stdout whose reader went away, as with "| head".</summary>
    internal sealed class ThrowingWriter : StringWriter
    {
        public override Task WriteLineAsync(string? value) => throw new IOException("Broken pipe");

        public override Task WriteAsync(string? value) => throw new IOException("Broken pipe");
    }

    /// <summary>A stdout that remembers the text written so far at each flush.</summary>
    internal sealed class RecordingWriter : StringWriter
    {
        public List<string> TextAtEachFlush { get; } = new();

        public override void Flush()
        {
            base.Flush();
            TextAtEachFlush.Add(ToString().TrimEnd());
        }

        public override Task FlushAsync()
        {
            Flush();
            return Task.CompletedTask;
        }

        public override Encoding Encoding => Encoding.UTF8;
    }
}
