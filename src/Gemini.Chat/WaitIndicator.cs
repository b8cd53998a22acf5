using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Gemini.Chat;

/// <summary>
/// A quiet line on stderr while no token has arrived ("waiting for the answer..."), for a terminal only: the
/// dots move so that a long wait (the model reasons before it answers) does not look like a hang. It erases itself before the
/// answer or any message prints.
/// </summary>
internal sealed class WaitIndicator
{
    private const string Label = "waiting for the answer";
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(400);

    private readonly TextWriter? _stderr;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running = Task.CompletedTask;
    private int _stopped;

    private WaitIndicator(TextWriter? stderr)
    {
        _stderr = stderr;
        if (stderr is not null)
        {
            Show(1);
            _running = RunAsync();
        }
    }

    /// <summary>Shows the indicator on <paramref name="stderr"/> when it is a terminal; otherwise does nothing, now and on stop.</summary>
    public static WaitIndicator Start(TextWriter stderr, bool stderrIsTerminal) => new(stderrIsTerminal ? stderr : null);

    /// <summary>Stops the indicator and erases it; later calls do nothing.</summary>
    public async Task StopAsync()
    {
        if (_stderr is null || Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        _stop.Cancel();
        await _running.ConfigureAwait(false);
        _stop.Dispose();
        Write("\r" + new string(' ', Label.Length + 3) + "\r");
    }

    private async Task RunAsync()
    {
        try
        {
            for (var dots = 2; ; dots = dots % 3 + 1)
            {
                await Task.Delay(Step, _stop.Token).ConfigureAwait(false);
                Show(dots);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Show(int dots) => Write("\r" + Label + new string('.', dots) + new string(' ', 3 - dots));

    private void Write(string text)
    {
        try
        {
            _stderr!.Write(text);
            _stderr.Flush();
        }
        catch (IOException)
        {
            // A closed stderr must not fail the answer.
        }
    }
}
