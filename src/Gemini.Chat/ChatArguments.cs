using System;
using System.Collections.Generic;
using System.Globalization;

namespace Gemini.Chat;

/// <summary>The command line, parsed. Any mistake is a <see cref="UsageException"/> naming the option, before anything is sent.</summary>
internal sealed class ChatArguments
{
    public const string Usage = """
        Usage: gemini-chat [options] <prompt>
               gemini-chat [options] -          (reads the prompt from stdin)

        Ask google/gemini-2.5-flash on the AI/ML API. The answer goes to stdout; a summary line
        (finish reason, tokens, cost, inference id) goes to stderr.

        Options:
          --base-url URL      the service's base URL (default https://api.aimlapi.com)
          --api-key KEY       the API key (default: $AIML_API_KEY, else $AIMLAPI_API_KEY)
          --model NAME        the model (default google/gemini-2.5-flash)
          --max-tokens N      the completion token limit, reasoning included (default 15000)
          --temperature X     sampling temperature, 0 to 2
          --system TEXT       a system message before the prompt
          --provider NAME     provider routing override (openai, google, auto, ...), sent as the request's
                              "provider" field as given, even by a build whose spec no longer lists it
          --request-id ID     sent as X-Client-Request-Id (1-128 of A-Z a-z 0-9 . _ : -)
          --timeout SECONDS   the limit for one attempt (default 300); a timeout exits with 5
          --stream            print the answer as it arrives
          --json              print the raw completion JSON (with --stream: one chunk per line)
          --mock              use the built-in fake server: no key, no network
          -h, --help          show this help
          --version           show the version

        Exit codes: 0 success, 1 unexpected failure, 2 invalid arguments or request, 3 API error,
                    4 answer truncated at the token limit, 5 network failure or timeout,
                    130 cancelled (Ctrl-C).
        """;

    public string? Prompt { get; private set; }

    public bool PromptFromStdin { get; private set; }

    public Uri? BaseUrl { get; private set; }

    public string? ApiKey { get; private set; }

    public string? Model { get; private set; }

    public int? MaxTokens { get; private set; }

    public double? Temperature { get; private set; }

    public string? System { get; private set; }

    public string? Provider { get; private set; }

    public string? RequestId { get; private set; }

    public TimeSpan? Timeout { get; private set; }

    public bool Stream { get; private set; }

    public bool Json { get; private set; }

    public bool Mock { get; private set; }

    public bool Help { get; private set; }

    public bool Version { get; private set; }

    public static ChatArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new ChatArguments();
        var prompts = new List<string>();
        var optionsEnded = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (optionsEnded || arg == "-" || !arg.StartsWith("-", StringComparison.Ordinal))
            {
                prompts.Add(arg);
                continue;
            }

            var name = arg;
            string? inline = null;
            var equals = arg.IndexOf('=');
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 2)
            {
                name = arg.Substring(0, equals);
                inline = arg.Substring(equals + 1);
            }

            string Value()
            {
                if (inline is not null)
                {
                    return inline;
                }

                if (i + 1 >= args.Count)
                {
                    throw new UsageException($"{name} needs a value.");
                }

                return args[++i];
            }

            switch (name)
            {
                case "--":
                    optionsEnded = true;
                    break;
                case "-h":
                case "--help":
                    parsed.Help = true;
                    break;
                case "--version":
                    parsed.Version = true;
                    break;
                case "--base-url":
                    var url = Value();
                    parsed.BaseUrl = Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                        ? uri
                        : throw new UsageException($"--base-url must be an absolute https URL, got '{url}'.");
                    break;
                case "--api-key":
                    parsed.ApiKey = Value();
                    break;
                case "--model":
                    parsed.Model = NotEmpty(name, Value());
                    break;
                case "--max-tokens":
                    var tokens = Value();
                    parsed.MaxTokens = int.TryParse(tokens, NumberStyles.None, CultureInfo.InvariantCulture, out var max) && max >= 1
                        ? max
                        : throw new UsageException($"--max-tokens must be a whole number of 1 or more, got '{tokens}'.");
                    break;
                case "--temperature":
                    var temperature = Value();
                    parsed.Temperature = double.TryParse(temperature, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && !double.IsNaN(t)
                        ? t
                        : throw new UsageException($"--temperature must be a number from 0 to 2, got '{temperature}'.");
                    break;
                case "--system":
                    parsed.System = Value();
                    break;
                case "--provider":
                    parsed.Provider = NotEmpty(name, Value());
                    break;
                case "--request-id":
                    parsed.RequestId = Value();
                    break;
                case "--timeout":
                    var seconds = Value();
                    parsed.Timeout = double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 && s <= 86400
                        ? TimeSpan.FromSeconds(s)
                        : throw new UsageException($"--timeout must be a number of seconds above 0, got '{seconds}'.");
                    break;
                case "--stream":
                    parsed.Stream = true;
                    break;
                case "--json":
                    parsed.Json = true;
                    break;
                case "--mock":
                    parsed.Mock = true;
                    break;
                default:
                    throw new UsageException($"Unknown option {name}. See gemini-chat --help.");
            }
        }

        if (parsed.Help || parsed.Version)
        {
            return parsed;
        }

        if (prompts.Count == 0)
        {
            throw new UsageException("A prompt is required: gemini-chat [options] <prompt>, or - to read it from stdin.");
        }

        if (prompts.Count > 1)
        {
            throw new UsageException($"One prompt is expected, got {prompts.Count} arguments; quote the prompt: gemini-chat \"{string.Join(" ", prompts)}\".");
        }

        if (parsed.Mock && parsed.BaseUrl is not null)
        {
            throw new UsageException("--mock and --base-url cannot be combined: --mock runs its own server.");
        }

        parsed.PromptFromStdin = prompts[0] == "-";
        parsed.Prompt = parsed.PromptFromStdin ? null : prompts[0];
        return parsed;
    }

    private static string NotEmpty(string name, string value) =>
        string.IsNullOrWhiteSpace(value) ? throw new UsageException($"{name} needs a non-empty value.") : value;
}

/// <summary>An invalid command line: exit code 2, and the message names the option.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }
}
