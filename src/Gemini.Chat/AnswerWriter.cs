using System.IO;
using System.Threading.Tasks;

namespace Gemini.Chat;

/// <summary>
/// Stdout for the answer: flushed after each piece, so that it shows as it arrives, and remembering whether the answer left a
/// line open, so that what follows a cut-off answer (Ctrl-C, a broken stream) starts on a line of its own.
/// </summary>
internal sealed class AnswerWriter
{
    private readonly TextWriter _stdout;
    private bool _lineOpen;

    public AnswerWriter(TextWriter stdout)
    {
        _stdout = stdout;
    }

    public async Task WriteAsync(string text)
    {
        await _stdout.WriteAsync(text).ConfigureAwait(false);
        await _stdout.FlushAsync().ConfigureAwait(false);
        if (text.Length > 0)
        {
            _lineOpen = text[text.Length - 1] != '\n';
        }
    }

    /// <summary>Ends the answer's last line when it is open.</summary>
    public async Task EndLineAsync()
    {
        if (_lineOpen)
        {
            await WriteAsync(System.Environment.NewLine).ConfigureAwait(false);
        }
    }
}
