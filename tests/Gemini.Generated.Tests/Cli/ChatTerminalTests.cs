using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Gemini.Chat;
using Gemini.Generated.Testing;
using Gemini.Generated.Tests.Streaming;
using Gemini.Generated.Tests.Support;

namespace Gemini.Generated.Tests.Cli;

/// <summary>gemini-chat in a terminal: Ctrl-C, the indicator while no token has arrived, and messages that stay readable.</summary>
public class ChatTerminalTests
{
    private const string Key = "cli-test-key-7f3a9c2e5b1d";

    [Test]
    public async Task CtrlC_DuringAStream_EndsThePartialAnswersLineBeforeCancelled_AndExitsWith130()
    {
        await using var server = new HeldStreamServer(sendHead: true, Sse.Content("4"));

        var run = await RunUntilCancelledAsync(server.Url, written => written.Contains('4'), "--stream", "2+2?");

        Assert.That(run.ExitCode, Is.EqualTo(ChatCommand.Cancelled));
        Assert.That(run.Console, Is.EqualTo("4" + Environment.NewLine + "gemini-chat: cancelled." + Environment.NewLine));
    }

    [Test]
    public async Task CtrlC_DuringARealisticGeminiStream_EndsTheLineOfWhatArrived()
    {
        var events = Assets.Read("gemini-every-field.stream.txt").Split("\n\n").Take(5).Select(e => e + "\n\n").ToArray();
        await using var server = new HeldStreamServer(sendHead: true, events);

        var run = await RunUntilCancelledAsync(server.Url, written => written.Contains("Paris."), "--stream", "Weather in Paris?");

        Assert.That(run.ExitCode, Is.EqualTo(ChatCommand.Cancelled));
        Assert.That(run.Console, Is.EqualTo("Let me check the weather in Paris." + Environment.NewLine + "gemini-chat: cancelled." + Environment.NewLine));
    }

    [Test]
    public async Task CtrlC_BeforeAnyToken_PrintsCancelledOnItsOwn()
    {
        await using var server = new HeldStreamServer(sendHead: false);
        using var cancellation = new CancellationTokenSource();
        var console = new ConsoleWriter();
        _ = server.Requested.ContinueWith(_ => cancellation.Cancel(), TaskScheduler.Default);

        var exitCode = await ChatCommand.RunAsync(Against(server.Url, "--stream", "Hi"), new StringReader(string.Empty), console, console, _ => null, cancellation.Token)
            .WaitAsync(StreamingKit.Guard);

        Assert.That(exitCode, Is.EqualTo(ChatCommand.Cancelled));
        Assert.That(console.ToString(), Is.EqualTo("gemini-chat: cancelled." + Environment.NewLine));
    }

    [Test]
    public async Task WaitingIndicator_InATerminal_ShowsUntilTheAnswerAndErasesItself()
    {
        using var fake = FakeAimlServer.Start();
        fake.Enqueue(FakeReply.Completion("Blue light scatters more.").WithLatency(TimeSpan.FromMilliseconds(50)));
        var console = new ConsoleWriter();

        var exitCode = await ChatCommand.RunAsync(Against(fake.Url, "Why is the sky blue?"), new StringReader(string.Empty), console, console, _ => null, CancellationToken.None,
            stderrIsTerminal: true);

        Assert.That(exitCode, Is.Zero);
        var shown = console.ToString();
        Assert.That(shown, Does.StartWith("\rwaiting for the answer."));
        var erased = shown.IndexOf("\r" + new string(' ', 25) + "\r", StringComparison.Ordinal);
        Assert.That(erased, Is.GreaterThan(0).And.LessThan(shown.IndexOf("Blue light", StringComparison.Ordinal)), "erased before the answer prints");
        Assert.That(shown.Substring(erased).TrimStart('\r', ' '), Does.StartWith("Blue light scatters more." + Environment.NewLine + "finish_reason: stop"));
    }

    [Test]
    public async Task WaitingIndicator_InAStream_IsErasedBeforeTheFirstPiece()
    {
        using var fake = FakeAimlServer.Start();
        fake.Enqueue(FakeReply.Raw(200, Assets.Read("gemini-content-parts.stream.txt"), "text/event-stream"));
        var console = new ConsoleWriter();

        var exitCode = await ChatCommand.RunAsync(Against(fake.Url, "--stream", "Is 1013 prime?"), new StringReader(string.Empty), console, console, _ => null,
            CancellationToken.None, stderrIsTerminal: true);

        Assert.That(exitCode, Is.Zero);
        var shown = console.ToString();
        var answerStart = shown.IndexOf("Yes. 1013", StringComparison.Ordinal);
        Assert.That(shown.Substring(0, answerStart), Does.StartWith("\rwaiting for the answer").And.EndWith("\r" + new string(' ', 25) + "\r"));
        Assert.That(shown.Substring(answerStart), Does.Not.Contain("waiting"));
    }

    [Test]
    public async Task WaitingIndicator_WhenStderrIsNotATerminal_IsNotShown()
    {
        using var fake = FakeAimlServer.Start();
        var stderr = new StringWriter();

        var exitCode = await ChatCommand.RunAsync(Against(fake.Url, "Hi"), new StringReader(string.Empty), new StringWriter(), stderr, _ => null, CancellationToken.None,
            stderrIsTerminal: false);

        Assert.That(exitCode, Is.Zero);
        Assert.That(stderr.ToString(), Does.StartWith("finish_reason:").And.Not.Contain("waiting").And.Not.Contain("\r"));
    }

    [Test]
    public async Task ApiError_WithAShortKey_KeepsTheServicesWordsWhole()
    {
        using var fake = FakeAimlServer.Start();
        fake.Enqueue(FakeReply.Error(401, "Invalid key k for the loopback account"));
        var stderr = new StringWriter();

        var exitCode = await ChatCommand.RunAsync(new[] { "--base-url", fake.Url.ToString(), "--api-key", "k", "Hi" }, new StringReader(string.Empty), new StringWriter(), stderr,
            _ => null, CancellationToken.None);

        Assert.That(exitCode, Is.EqualTo(ChatCommand.ApiError));
        Assert.That(stderr.ToString(), Does.Contain("Invalid key [REDACTED] for the loopback account"));
    }

    [Test]
    public void ExitCodes_AreEachInTheReadmesTableAndTheUsage()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md"));
        string usage = ChatArguments.Usage;
        var codes = typeof(ChatCommand).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(int)).Select(f => (int)f.GetRawConstantValue()!).ToList();

        Assert.That(codes, Does.Contain(130));
        foreach (var code in codes)
        {
            Assert.That(readme, Does.Contain($"\n| {code} | "), $"exit code {code} in the README's table");
            Assert.That(usage, Does.Match($"[ ,]{code} [A-Za-z]"), $"exit code {code} in the usage");
        }
    }

    private static string[] Against(Uri url, params string[] args) => new[] { "--base-url", url.ToString(), "--api-key", Key }.Concat(args).ToArray();

    /// <summary>Runs gemini-chat with stdout and stderr on one console, and presses Ctrl-C once what it wrote satisfies <paramref name="cancelWhen"/>.</summary>
    private static async Task<(int ExitCode, string Console)> RunUntilCancelledAsync(Uri url, Func<string, bool> cancelWhen, params string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        var console = new ConsoleWriter();
        console.Written += () =>
        {
            if (cancelWhen(console.ToString()))
            {
                cancellation.Cancel();
            }
        };

        var exitCode = await ChatCommand.RunAsync(Against(url, args), new StringReader(string.Empty), console, console, _ => null, cancellation.Token).WaitAsync(StreamingKit.Guard);
        return (exitCode, console.ToString());
    }

    /// <summary>Stdout and stderr interleaved, as a terminal shows them.</summary>
    private sealed class ConsoleWriter : StringWriter
    {
        public event Action? Written;

        public override Task WriteAsync(string? value)
        {
            Write(value);
            Written?.Invoke();
            return Task.CompletedTask;
        }
    }
}
