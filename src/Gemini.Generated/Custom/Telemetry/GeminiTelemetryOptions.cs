using System;

namespace Gemini.Generated;

/// <summary>What the client's tracing records beyond names, counts and ids; see <see cref="GeminiClientOptions.Telemetry"/>.</summary>
public sealed class GeminiTelemetryOptions
{
    /// <summary>
    /// Whether spans carry the messages sent and received (<c>gen_ai.input.messages</c>, <c>gen_ai.output.messages</c>). They
    /// may hold personal or secret data, so this is off unless opted in: true or false here decides; when null, the environment
    /// variable <c>OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT</c> set to <c>true</c> turns it on. Logs never carry messages.
    /// </summary>
    public bool? CaptureMessageContent { get; set; }

    /// <summary>The settings, in a line.</summary>
    public override string ToString() =>
        $"GeminiTelemetryOptions {{ CaptureMessageContent = {(CaptureMessageContent?.ToString() ?? "null")} }}";

    internal GeminiTelemetryOptions Clone() => new() { CaptureMessageContent = CaptureMessageContent };

    /// <summary>Whether to capture messages: the option when set, else the environment variable.</summary>
    internal bool ShouldCaptureMessageContent(Func<string, string?> environment) =>
        CaptureMessageContent ?? string.Equals(environment(GeminiTelemetry.CaptureMessageContentVariable)?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
