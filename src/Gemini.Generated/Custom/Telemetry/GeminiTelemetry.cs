using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Gemini.Generated;

/// <summary>
/// The names under which the SDK traces and measures its calls, following the OpenTelemetry GenAI semantic conventions. Add
/// them to OpenTelemetry: <c>tracing.AddSource(GeminiTelemetry.ActivitySourceName)</c> and
/// <c>metrics.AddMeter(GeminiTelemetry.MeterName)</c>. Nothing is recorded until something listens.
/// </summary>
public static class GeminiTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> of the <c>chat {model}</c> span each call records.</summary>
    public const string ActivitySourceName = "Gemini.Generated";

    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> of the call metrics (duration, tokens, time to first chunk, cost).</summary>
    public const string MeterName = "Gemini.Generated";

    /// <summary>
    /// The environment variable that turns message capture on when <see cref="GeminiTelemetryOptions.CaptureMessageContent"/> is
    /// not set: <c>true</c> captures prompts and answers on the span.
    /// </summary>
    public const string CaptureMessageContentVariable = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT";

    private static readonly string? Version = typeof(GeminiTelemetry).Assembly.GetName().Version?.ToString();

    internal static ActivitySource Source { get; } = new(ActivitySourceName, Version);

    internal static Meter Meter { get; } = new(MeterName, Version);

    /// <summary>Seconds since a <see cref="Stopwatch.GetTimestamp"/>.</summary>
    internal static double SecondsSince(long timestamp) => (Stopwatch.GetTimestamp() - timestamp) / (double)Stopwatch.Frequency;
}
