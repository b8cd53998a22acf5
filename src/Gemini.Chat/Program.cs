using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Gemini.Chat;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        Console.OutputEncoding = new UTF8Encoding(false);
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        return await ChatCommand.RunAsync(args, Console.In, Console.Out, Console.Error, Environment.GetEnvironmentVariable, cancellation.Token,
            stderrIsTerminal: !Console.IsErrorRedirected).ConfigureAwait(false);
    }
}
