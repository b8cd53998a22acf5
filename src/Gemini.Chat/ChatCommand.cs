using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Gemini.Generated;
using Gemini.Generated.Testing;
using Newtonsoft.Json;

namespace Gemini.Chat;

/// <summary>gemini-chat, with its streams and environment passed in so that tests can run it in process.</summary>
internal static class ChatCommand
{
    public const int Success = 0;
    public const int InvalidArguments = 2;
    public const int ApiError = 3;
    public const int Truncated = 4;
    public const int NetworkFailure = 5;
    public const int Unexpected = 1;
    public const int Cancelled = 130;

    private static readonly JsonSerializerSettings JsonOutput = new() { NullValueHandling = NullValueHandling.Ignore, Formatting = Formatting.Indented };
    private static readonly JsonSerializerSettings JsonLines = new() { NullValueHandling = NullValueHandling.Ignore, Formatting = Formatting.None };

    /// <param name="stderrIsTerminal">True when stderr is a terminal: a quiet indicator shows there while no token has arrived.</param>
    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, Func<string, string?> environment, CancellationToken cancellationToken,
        bool stderrIsTerminal = false)
    {
        ChatArguments arguments;
        try
        {
            arguments = ChatArguments.Parse(args);
        }
        catch (UsageException ex)
        {
            await stderr.WriteLineAsync("gemini-chat: " + ex.Message).ConfigureAwait(false);
            return InvalidArguments;
        }

        if (arguments.Help)
        {
            await stdout.WriteLineAsync(ChatArguments.Usage).ConfigureAwait(false);
            return Success;
        }

        if (arguments.Version)
        {
            await stdout.WriteLineAsync("gemini-chat " + typeof(ChatCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0]).ConfigureAwait(false);
            return Success;
        }

        var prompt = arguments.Prompt ?? (await stdin.ReadToEndAsync().ConfigureAwait(false)).TrimEnd();
        if (string.IsNullOrWhiteSpace(prompt))
        {
            await stderr.WriteLineAsync("gemini-chat: the prompt is empty.").ConfigureAwait(false);
            return InvalidArguments;
        }

        using var mock = arguments.Mock ? StartMock() : null;
        var answer = new AnswerWriter(stdout);
        string? apiKey = null;
        try
        {
            var options = mock?.CreateClientOptions() ?? new GeminiClientOptions();
            if (mock is null)
            {
                apiKey = arguments.ApiKey ?? GeminiClientOptions.ApiKeyEnvironmentVariables.Select(environment).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
                if (apiKey is null)
                {
                    await stderr.WriteLineAsync("gemini-chat: no API key: pass --api-key, or set AIML_API_KEY (or AIMLAPI_API_KEY). OPENAI_API_KEY is not read. Try --mock to run without one.").ConfigureAwait(false);
                    return InvalidArguments;
                }

                options.ApiKey = apiKey;
                options.BaseUrl = arguments.BaseUrl ?? options.BaseUrl;
            }

            options.DefaultModel = arguments.Model ?? options.DefaultModel;
            if (arguments.Timeout is { } timeout)
            {
                options.AttemptTimeout = timeout;
                options.TotalTimeout = timeout + timeout + TimeSpan.FromSeconds(30);
            }

            options.ApplicationId = "gemini-chat";
            var client = new GeminiClient(options);

            var request = new ChatCompletionRequest();
            if (arguments.System is not null)
            {
                request.Messages.Add(ChatMessage.System(arguments.System));
            }

            request.Messages.Add(ChatMessage.User(prompt));
            request.MaxCompletionTokens = arguments.MaxTokens;
            request.Temperature = arguments.Temperature;
            if (arguments.Provider is not null)
            {
                // Sent as a field of its own rather than through a generated property, so that gemini-chat builds from a spec without 'provider'.
                request.AdditionalProperties["provider"] = arguments.Provider;
            }
            var requestOptions = new ChatRequestOptions { ClientRequestId = arguments.RequestId, TruncationBehavior = TruncationBehavior.Ignore };

            ChatCompletion completion;
            var waiting = WaitIndicator.Start(stderr, stderrIsTerminal);
            try
            {
                completion = arguments.Stream
                    ? await StreamAsync(client, request, requestOptions, arguments.Json, answer, waiting, cancellationToken).ConfigureAwait(false)
                    : await CompleteAsync(client, request, requestOptions, arguments.Json, answer, waiting, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await waiting.StopAsync().ConfigureAwait(false);
            }

            await stderr.WriteLineAsync(Summary(completion)).ConfigureAwait(false);
            if (completion.IsTruncated)
            {
                var limit = completion.TokenLimit;
                var suggestion = limit is { } sent ? Math.Max(sent * 2, 1024) : 2 * GeminiClientOptions.DefaultTokenLimit;
                await stderr.WriteLineAsync(
                    $"gemini-chat: the answer was truncated at the token limit ({(limit?.ToString(CultureInfo.InvariantCulture) ?? "the service's default of 512")}" +
                    $"{(completion.ReasoningTokens is > 0 ? $"; {completion.ReasoningTokens} tokens went to reasoning" : string.Empty)}). " +
                    $"Raise it with --max-tokens, for example --max-tokens {suggestion}.").ConfigureAwait(false);
                return Truncated;
            }

            return Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await answer.EndLineAsync().ConfigureAwait(false);
            await stderr.WriteLineAsync("gemini-chat: cancelled.").ConfigureAwait(false);
            return Cancelled;
        }
        catch (ArgumentException ex)
        {
            var option = OptionFor(ex.ParamName);
            await stderr.WriteLineAsync("gemini-chat: invalid request" + (option is null ? ": " : $" ({option}): ") + Redact(FirstLine(ex), apiKey)).ConfigureAwait(false);
            return InvalidArguments;
        }
        catch (AimlApiException ex)
        {
            // The SDK removed the key from its exceptions already (as a whole token when it is short: replacing it again here
            // would cut a short test key out of unrelated words).
            await stderr.WriteLineAsync($"gemini-chat: API error {ex.StatusCode}: {ex.ServiceMessage ?? ex.Message}" +
                (ex.RequestId is not null ? $" (request id {ex.RequestId})" : string.Empty) +
                (ex.InferenceId is not null ? $" (inference id {ex.InferenceId})" : string.Empty)).ConfigureAwait(false);
            return ApiError;
        }
        catch (GeminiStreamException ex)
        {
            await answer.EndLineAsync().ConfigureAwait(false);
            await stderr.WriteLineAsync("gemini-chat: " + ex.Message).ConfigureAwait(false);
            return ex.Failure is GeminiStreamFailure.ServiceError or GeminiStreamFailure.InvalidEvent ? ApiError : NetworkFailure;
        }
        catch (Exception ex) when (ex is GeminiNetworkException or GeminiTimeoutException)
        {
            await stderr.WriteLineAsync("gemini-chat: network failure: " + ex.Message).ConfigureAwait(false);
            return NetworkFailure;
        }
        catch (GeminiException ex)
        {
            await stderr.WriteLineAsync("gemini-chat: " + ex.Message).ConfigureAwait(false);
            return ex is GeminiResponseTooLargeException ? ApiError : Unexpected;
        }
        catch (Exception ex)
        {
            // A closed stdout (| head), a fake server that cannot start: one line, never a stack trace.
            await WriteSafelyAsync(stderr, $"gemini-chat: unexpected failure: {ex.GetType().Name}: {Redact(ex.Message, apiKey)}").ConfigureAwait(false);
            return Unexpected;
        }
    }

    /// <summary>The command-line option behind a request parameter the SDK named.</summary>
    private static string? OptionFor(string? parameter) => parameter switch
    {
        "temperature" => "--temperature",
        "max_completion_tokens" or "max_tokens" => "--max-tokens",
        "model" or "DefaultModel" => "--model",
        "provider" => "--provider",
        "ClientRequestId" => "--request-id",
        "BaseUrl" => "--base-url",
        "ApiKey" => "--api-key",
        _ => null,
    };

    private static async Task WriteSafelyAsync(TextWriter writer, string line)
    {
        try
        {
            await writer.WriteLineAsync(line).ConfigureAwait(false);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<ChatCompletion> CompleteAsync(GeminiClient client, ChatCompletionRequest request, ChatRequestOptions options, bool json, AnswerWriter answer, WaitIndicator waiting,
        CancellationToken cancellationToken)
    {
        var completion = await client.CompleteAsync(request, options, cancellationToken).ConfigureAwait(false);
        await waiting.StopAsync().ConfigureAwait(false);
        await answer.WriteAsync((json ? JsonConvert.SerializeObject(completion, JsonOutput) : completion.Text) + Environment.NewLine).ConfigureAwait(false);
        return completion;
    }

    private static async Task<ChatCompletion> StreamAsync(GeminiClient client, ChatCompletionRequest request, ChatRequestOptions options, bool json, AnswerWriter answer, WaitIndicator waiting,
        CancellationToken cancellationToken)
    {
        var stream = client.CompleteStreamingAsync(request, options, cancellationToken);
        await foreach (var chunk in stream.ConfigureAwait(false))
        {
            var text = json ? JsonConvert.SerializeObject(chunk, JsonLines) + Environment.NewLine : chunk.Text;
            if (text.Length > 0)
            {
                await waiting.StopAsync().ConfigureAwait(false);
                await answer.WriteAsync(text).ConfigureAwait(false);
            }
        }

        if (!json)
        {
            await waiting.StopAsync().ConfigureAwait(false);
            await answer.WriteAsync(Environment.NewLine).ConfigureAwait(false);
        }

        return stream.Completion!;
    }

    /// <summary>One line: finish reason, tokens, cost when known, inference id.</summary>
    internal static string Summary(ChatCompletion completion) =>
        string.Join(" | ",
            "finish_reason: " + (completion.FinishReason?.Value is { } reason ? (reason.Length == 0 ? "\"\"" : reason) : "none"),
            "prompt_tokens: " + Count(completion.PromptTokens),
            "completion_tokens: " + Count(completion.CompletionTokens),
            "reasoning_tokens: " + Count(completion.ReasoningTokens),
            "usd: " + (completion.UsdSpent?.ToString(CultureInfo.InvariantCulture) ?? "unknown"),
            "inference_id: " + (completion.InferenceId ?? "unknown"));

    /// <summary>The message without the " (Parameter 'x')" and "Actual value was" lines .NET appends.</summary>
    private static string FirstLine(ArgumentException ex)
    {
        var message = ex.Message;
        var suffix = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return (suffix >= 0 ? message.Substring(0, suffix) : message).Split('\n')[0].Trim();
    }

    private static string Count(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "unknown";

    /// <summary>The key out of a message that does not come from the SDK's exceptions, which remove it themselves.</summary>
    private static string Redact(string message, string? apiKey) =>
        string.IsNullOrEmpty(apiKey) ? message : message.Replace(apiKey, "[REDACTED]", StringComparison.Ordinal);

    private static FakeAimlServer StartMock()
    {
        var server = FakeAimlServer.Start();
        server.ReplyFactory = request =>
        {
            var asked = request.Chat?.Messages.OfType<UserMessage>().LastOrDefault()?.Content.ToString() ?? string.Empty;
            var shown = asked.Length > 80 ? asked.Substring(0, 80) + "..." : asked;
            return FakeReply.Completion(
                    $"This answer comes from gemini-chat's built-in fake server (--mock): no key and no network were used. " +
                    $"You asked: \"{shown}\". Without --mock, the same command asks google/gemini-2.5-flash on the AI/ML API.")
                .WithReasoningTokens(320)
                .WithChunkDelay(TimeSpan.FromMilliseconds(10));
        };
        return server;
    }
}
