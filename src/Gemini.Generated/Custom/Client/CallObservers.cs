using System;
using System.Collections.Generic;

namespace Gemini.Generated;

/// <summary>The observers every client has: the one place they are chosen from the options.</summary>
internal static class CallObservers
{
    /// <summary>
    /// The observers for a client with these (validated, copied) options: tracing and metrics always (they cost little when
    /// nothing listens), a log line per attempt and per call when there is a logger, and the OnAttempt callback.
    /// </summary>
    public static List<CallObserver> Create(GeminiClientOptions options, Redactor redactor)
    {
        var observers = new List<CallObserver>
        {
            new OpenTelemetryObserver(options.BaseUrl, options.Telemetry.ShouldCaptureMessageContent(Environment.GetEnvironmentVariable), redactor),
        };
        if (options.Logger is { } logger)
        {
            observers.Add(new LoggingObserver(logger));
        }

        if (options.OnAttempt is { } onAttempt)
        {
            observers.Add(new AttemptCallbackObserver(onAttempt));
        }

        return observers;
    }

    /// <summary><see cref="GeminiClientOptions.OnAttempt"/>.</summary>
    private sealed class AttemptCallbackObserver : CallObserver
    {
        private readonly Observation _observation;

        public AttemptCallbackObserver(Action<GeminiAttempt> onAttempt) => _observation = new Observation(onAttempt);

        public override CallObservation? StartCall(ChatCompletionRequest body, bool streaming, string? clientRequestId) => _observation;

        private sealed class Observation : CallObservation
        {
            private readonly Action<GeminiAttempt> _onAttempt;

            public Observation(Action<GeminiAttempt> onAttempt) => _onAttempt = onAttempt;

            public override void AttemptEnded(GeminiAttempt attempt) => _onAttempt(attempt);
        }
    }
}

/// <summary>The observations of one call: what each of the client's observers chose to watch. Empty costs nothing.</summary>
internal readonly struct CallObservations
{
    private readonly CallObservation[]? _all;

    private CallObservations(CallObservation[] all)
    {
        _all = all;
    }

    public bool IsEmpty => _all is null;

    public static CallObservations Start(IReadOnlyList<CallObserver> observers, ChatCompletionRequest body, bool streaming, string? clientRequestId)
    {
        if (observers.Count == 0)
        {
            return default;
        }

        List<CallObservation>? started = null;
        foreach (var observer in observers)
        {
            if (observer.StartCall(body, streaming, clientRequestId) is { } observation)
            {
                (started ??= new List<CallObservation>(observers.Count)).Add(observation);
            }
        }

        return started is null ? default : new CallObservations(started.ToArray());
    }

    public void AttemptEnded(GeminiAttempt attempt)
    {
        foreach (var observation in _all ?? Array.Empty<CallObservation>())
        {
            observation.AttemptEnded(attempt);
        }
    }

    public void FirstChunk()
    {
        foreach (var observation in _all ?? Array.Empty<CallObservation>())
        {
            observation.FirstChunk();
        }
    }

    /// <summary>Reports the end; each call and each enumeration of a stream reports it exactly once.</summary>
    public void Ended(ChatCompletion? completion, Exception? error)
    {
        foreach (var observation in _all ?? Array.Empty<CallObservation>())
        {
            observation.Ended(completion, error);
        }
    }
}
