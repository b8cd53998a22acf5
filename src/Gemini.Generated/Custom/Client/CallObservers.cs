using System;
using System.Collections.Generic;

namespace Gemini.Generated;

/// <summary>The observers a client reports its calls to, and how one call reaches them all.</summary>
internal static class CallObservers
{
    /// <summary>The observers for a client with these (already validated) options: tracing and metrics, and logging when there is a logger.</summary>
    public static IReadOnlyList<CallObserver> Create(GeminiClientOptions options, Redactor redactor)
    {
        var observers = new List<CallObserver>
        {
            new OpenTelemetryObserver(options.BaseUrl, options.Telemetry.ShouldCaptureMessageContent(Environment.GetEnvironmentVariable), redactor),
        };
        if (options.Logger is { } logger)
        {
            observers.Add(new LoggingObserver(logger));
        }

        return observers;
    }

    /// <summary>Starts a call on every observer; null when none observes it.</summary>
    public static CallObservation? StartCall(IReadOnlyList<CallObserver> observers, ChatCompletionRequest body, bool streaming, string? clientRequestId)
    {
        List<CallObservation>? started = null;
        foreach (var observer in observers)
        {
            if (observer.StartCall(body, streaming, clientRequestId) is { } observation)
            {
                (started ??= new List<CallObservation>()).Add(observation);
            }
        }

        return started is null ? null : started.Count == 1 ? started[0] : new Composite(started);
    }

    private sealed class Composite : CallObservation
    {
        private readonly List<CallObservation> _observations;

        public Composite(List<CallObservation> observations) => _observations = observations;

        public override void AttemptEnded(GeminiAttempt attempt) => _observations.ForEach(o => o.AttemptEnded(attempt));

        public override void FirstChunk() => _observations.ForEach(o => o.FirstChunk());

        public override void Ended(ChatCompletion? completion, Exception? error) => _observations.ForEach(o => o.Ended(completion, error));
    }
}
