using System;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Gemini.Generated;

/// <summary>
/// Logs a line per HTTP attempt and one summary line per call, with the <see cref="GeminiEventIds"/>. Only names, counts, ids,
/// cost and error types: never message contents, never the key.
/// </summary>
/// <remarks>
/// LoggerMessage.Define, not the [LoggerMessage] source generator: the contract scan takes any *.g.cs for NSwag's output.
/// The summary has more values than Define takes (6), so it goes through Log with a fixed template.
/// </remarks>
internal sealed class LoggingObserver : CallObserver
{
    private const string Summary =
        "{Model}, finish reason {FinishReason}, {InputTokens} input and {OutputTokens} output tokens ({ReasoningTokens} reasoning), " +
        "{UsdSpent} USD ({CreditsUsed} credits), {Attempts} attempts, {DurationMs} ms, inference id {InferenceId}";

    private const string Completed = "Gemini call completed: " + Summary;

    private const string Failed = "Gemini call failed with {Error} ({StatusCode}): " + Summary;

    private static readonly Action<ILogger, int, int?, long, Exception?> AttemptSucceeded = LoggerMessage.Define<int, int?, long>(
        LogLevel.Debug, GeminiEventIds.AttemptSucceeded, "Gemini attempt {Attempt}: {StatusCode} in {DurationMs} ms");

    private static readonly Action<ILogger, int, int?, string, long, long?, Exception?> AttemptFailed = LoggerMessage.Define<int, int?, string, long, long?>(
        LogLevel.Warning, GeminiEventIds.AttemptFailed, "Gemini attempt {Attempt} failed ({StatusCode}, {Error}) in {DurationMs} ms; retry in {RetryDelayMs} ms");

    private readonly ILogger _logger;

    public LoggingObserver(ILogger logger) => _logger = logger;

    // Warning is the highest level used: when it is off, every line is.
    public override CallObservation? StartCall(ChatCompletionRequest body, bool streaming, string? clientRequestId) =>
        _logger.IsEnabled(LogLevel.Warning) ? new Observation(_logger, body.Model) : null;

    private sealed class Observation : CallObservation
    {
        private readonly ILogger _logger;
        private readonly string? _model;
        private readonly long _started = Stopwatch.GetTimestamp();
        private int _attempts;
        private int? _statusCode;

        public Observation(ILogger logger, string? model)
        {
            _logger = logger;
            _model = model;
        }

        public override void AttemptEnded(GeminiAttempt attempt)
        {
            _attempts = attempt.Number;
            _statusCode = attempt.StatusCode;
            var durationMs = (long)attempt.Duration.TotalMilliseconds;
            if (attempt.Error is null)
            {
                AttemptSucceeded(_logger, attempt.Number, attempt.StatusCode, durationMs, null);
            }
            else
            {
                AttemptFailed(_logger, attempt.Number, attempt.StatusCode, attempt.Error.GetType().Name, durationMs, (long?)attempt.RetryDelay?.TotalMilliseconds, null);
            }
        }

        public override void Ended(ChatCompletion? completion, Exception? error)
        {
            if (!_logger.IsEnabled(error is null ? LogLevel.Information : LogLevel.Warning))
            {
                return;
            }

            var attempts = _attempts > 0 ? _attempts : completion?.ResponseInfo?.Attempts ?? 0;
            var durationMs = (long)(GeminiTelemetry.SecondsSince(_started) * 1000);
            var model = completion?.Model ?? _model;
            var (finishReason, input, output, reasoning) = (completion?.FinishReason?.Value, completion?.PromptTokens, completion?.CompletionTokens, completion?.ReasoningTokens);
            var (usd, credits, inferenceId) = (completion?.UsdSpent, completion?.CreditsUsed, completion?.InferenceId);
            if (error is null)
            {
                _logger.Log(LogLevel.Information, GeminiEventIds.CallCompleted, Completed,
                    model, finishReason, input, output, reasoning, usd, credits, attempts, durationMs, inferenceId);
            }
            else
            {
                _logger.Log(LogLevel.Warning, GeminiEventIds.CallFailed, Failed, error.GetType().Name, (error as AimlApiException)?.StatusCode ?? _statusCode,
                    model, finishReason, input, output, reasoning, usd, credits, attempts, durationMs, inferenceId);
            }
        }
    }
}
