using System;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Gemini.Generated;

/// <summary>
/// Logs a line per HTTP attempt and one summary line per call, with the <see cref="GeminiEventIds"/>. Only names, counts, ids,
/// cost and error types: never message contents, never the key.
/// </summary>
internal sealed partial class LoggingObserver : CallObserver
{
    private readonly ILogger _logger;

    public LoggingObserver(ILogger logger) => _logger = logger;

    // Warning is the highest level used: when it is off, every line is.
    public override CallObservation? StartCall(ChatCompletionRequest body, bool streaming, string? clientRequestId) =>
        _logger.IsEnabled(LogLevel.Warning) ? new Observation(_logger, body.Model) : null;

    [LoggerMessage(EventId = 1, EventName = nameof(GeminiEventIds.AttemptSucceeded), Level = LogLevel.Debug,
        Message = "Gemini attempt {Attempt}: {StatusCode} in {DurationMs} ms")]
    private static partial void AttemptSucceeded(ILogger logger, int attempt, int? statusCode, long durationMs);

    [LoggerMessage(EventId = 2, EventName = nameof(GeminiEventIds.AttemptFailed), Level = LogLevel.Warning,
        Message = "Gemini attempt {Attempt} failed ({StatusCode}, {Error}) in {DurationMs} ms; retry in {RetryDelayMs} ms")]
    private static partial void AttemptFailed(ILogger logger, int attempt, int? statusCode, string error, long durationMs, long? retryDelayMs);

    [LoggerMessage(EventId = 3, EventName = nameof(GeminiEventIds.CallCompleted), Level = LogLevel.Information,
        Message = "Gemini call completed: {Model}, finish reason {FinishReason}, {InputTokens} input and {OutputTokens} output tokens ({ReasoningTokens} reasoning), " +
                  "{UsdSpent} USD ({CreditsUsed} credits), {Attempts} attempts, {DurationMs} ms, inference id {InferenceId}")]
    private static partial void CallCompleted(ILogger logger, string? model, string? finishReason, int? inputTokens, int? outputTokens, int? reasoningTokens,
        decimal? usdSpent, decimal? creditsUsed, int attempts, long durationMs, string? inferenceId);

    [LoggerMessage(EventId = 4, EventName = nameof(GeminiEventIds.CallFailed), Level = LogLevel.Warning,
        Message = "Gemini call failed with {Error} ({StatusCode}): {Model}, finish reason {FinishReason}, {InputTokens} input and {OutputTokens} output tokens " +
                  "({ReasoningTokens} reasoning), {UsdSpent} USD ({CreditsUsed} credits), {Attempts} attempts, {DurationMs} ms, inference id {InferenceId}")]
    private static partial void CallFailed(ILogger logger, string error, int? statusCode, string? model, string? finishReason, int? inputTokens, int? outputTokens,
        int? reasoningTokens, decimal? usdSpent, decimal? creditsUsed, int attempts, long durationMs, string? inferenceId);

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
                AttemptSucceeded(_logger, attempt.Number, attempt.StatusCode, durationMs);
            }
            else
            {
                AttemptFailed(_logger, attempt.Number, attempt.StatusCode, attempt.Error.GetType().Name, durationMs, (long?)attempt.RetryDelay?.TotalMilliseconds);
            }
        }

        public override void Ended(ChatCompletion? completion, Exception? error)
        {
            var attempts = _attempts > 0 ? _attempts : completion?.ResponseInfo?.Attempts ?? 0;
            var durationMs = (long)(GeminiTelemetry.SecondsSince(_started) * 1000);
            var model = completion?.Model ?? _model;
            if (error is null)
            {
                CallCompleted(_logger, model, completion?.FinishReason?.Value, completion?.PromptTokens, completion?.CompletionTokens, completion?.ReasoningTokens,
                    completion?.UsdSpent, completion?.CreditsUsed, attempts, durationMs, completion?.InferenceId);
            }
            else
            {
                CallFailed(_logger, error.GetType().Name, (error as AimlApiException)?.StatusCode ?? _statusCode, model, completion?.FinishReason?.Value,
                    completion?.PromptTokens, completion?.CompletionTokens, completion?.ReasoningTokens, completion?.UsdSpent, completion?.CreditsUsed, attempts, durationMs,
                    completion?.InferenceId);
            }
        }
    }
}
