using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;
using Gemini.Generated.Tests.Support;

namespace Gemini.Generated.Tests.Cli;

/// <summary>gemini-chat as a real process: exit codes, stdin, and stdout flushed piece by piece while the stream is still open.</summary>
[Category("Process")]
public class ChatProcessTests
{
    private static readonly string Tool = Path.Combine(AppContext.BaseDirectory, "gemini-chat.dll");

    [Test]
    [CancelAfter(60_000)]
    public async Task Mock_RunsWithoutAKeyAndExitsZero()
    {
        using var process = Start("--mock", "Why is the sky blue?");

        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.That(process.ExitCode, Is.EqualTo(0), stderr);
        Assert.That(stdout, Does.Contain("Why is the sky blue?"));
        Assert.That(stderr, Does.Contain("finish_reason: stop").And.Contain("inference_id: fake-inference-"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task PromptFromStdin_WithMockAndStream_ExitsZero()
    {
        using var process = Start("--mock", "--stream", "-");
        await process.StandardInput.WriteAsync("Piped question");
        process.StandardInput.Close();

        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.That(process.ExitCode, Is.EqualTo(0));
        Assert.That(stdout, Does.Contain("Piped question"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task UnknownOption_ExitsTwo()
    {
        using var process = Start("--frobnicate", "Hi");

        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.That(process.ExitCode, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--frobnicate"));
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Stream_WritesTheFirstPieceToStdoutBeforeTheServerSendsTheRest()
    {
        var firstPieceSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = new RawHttpServer(async connection =>
        {
            await connection.ReadRequestAsync();
            await connection.WriteChunkedHeadAsync();
            await connection.WriteChunkAsync("data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hello\"}}]}\n\n");
            await firstPieceSeen.Task;
            await connection.WriteChunkAsync("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" world\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
            await connection.EndChunksAsync();
        });
        using var process = Start("--base-url", server.Url.ToString(), "--api-key", "process-test-key-123", "--stream", "Hi");

        var seen = new StringBuilder();
        var buffer = new char[64];
        while (!seen.ToString().Contains("Hello", StringComparison.Ordinal))
        {
            var read = await process.StandardOutput.ReadAsync(buffer.AsMemory());
            Assert.That(read, Is.GreaterThan(0), "stdout ended before the first piece");
            seen.Append(buffer, 0, read);
        }

        Assert.That(seen.ToString(), Does.Not.Contain("world"), "the rest was not sent yet");
        firstPieceSeen.SetResult();
        seen.Append(await process.StandardOutput.ReadToEndAsync());
        await process.WaitForExitAsync();

        Assert.That(process.ExitCode, Is.EqualTo(0), await process.StandardError.ReadToEndAsync());
        Assert.That(seen.ToString().Trim(), Is.EqualTo("Hello world"));
    }

    private static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Tool);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("AIML_API_KEY");
        start.Environment.Remove("AIMLAPI_API_KEY");
        return Process.Start(start)!;
    }
}
