using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;

namespace Gemini.Generated;

/// <summary>
/// Traces and measures each call by the OpenTelemetry GenAI semantic conventions: a <c>chat {model}</c> client span with the
/// request, response and usage attributes, an <c>aimlapi.retry</c> event per retry, and the duration, token, time-to-first-chunk
/// and cost metrics. Records nothing while nothing listens.
/// </summary>
internal sealed class OpenTelemetryObserver : CallObserver
{
    internal const string Provider = "aimlapi";
    internal const string RetryEvent = "aimlapi.retry";

    // The conventions' bucket advice: seconds for durations, powers of 4 for token counts.
    private static readonly double[] SecondsBuckets = { 0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92 };
    private static readonly int[] TokenBuckets = { 1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864 };

    private static readonly Histogram<double> Duration = GeminiTelemetry.Meter.CreateHistogram(
        "gen_ai.client.operation.duration", "s", "GenAI operation duration.", null, new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    private static readonly Histogram<int> TokenUsage = GeminiTelemetry.Meter.CreateHistogram(
        "gen_ai.client.token.usage", "{token}", "Number of input and output tokens used.", null, new InstrumentAdvice<int> { HistogramBucketBoundaries = TokenBuckets });

    private static readonly Histogram<double> TimeToFirstChunk = GeminiTelemetry.Meter.CreateHistogram(
        "gen_ai.client.operation.time_to_first_chunk", "s", "Time from sending a streaming request to its first chunk.", null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });

    private static readonly Histogram<int> ReasoningTokens = GeminiTelemetry.Meter.CreateHistogram(
        "aimlapi.client.token.reasoning", "{token}", "Reasoning tokens used (also counted in the output tokens).", null,
        new InstrumentAdvice<int> { HistogramBucketBoundaries = TokenBuckets });

    private static readonly Counter<double> Cost = GeminiTelemetry.Meter.CreateCounter<double>("aimlapi.client.cost", "{USD}", "USD charged by the AI/ML API.");

    private static readonly Counter<double> Credits = GeminiTelemetry.Meter.CreateCounter<double>("aimlapi.client.credits", "{credit}", "Credits charged by the AI/ML API.");

    private readonly string _serverAddress;
    private readonly int _serverPort;
    private readonly bool _captureMessages;
    private readonly Redactor _redactor;

    public OpenTelemetryObserver(Uri baseUrl, bool captureMessages, Redactor redactor)
    {
        _serverAddress = baseUrl.Host;
        _serverPort = baseUrl.Port;
        _captureMessages = captureMessages;
        _redactor = redactor;
    }

    public override CallObservation? StartCall(ChatCompletionRequest body, bool streaming, string? clientRequestId)
    {
        var measuring = Duration.Enabled || TokenUsage.Enabled || TimeToFirstChunk.Enabled || ReasoningTokens.Enabled || Cost.Enabled || Credits.Enabled;
        if (!measuring && !GeminiTelemetry.Source.HasListeners())
        {
            return null;
        }

        var model = body.Model ?? string.Empty;
        var activity = GeminiTelemetry.Source.StartActivity(
            ActivityKind.Client,
            tags: new KeyValuePair<string, object?>[]
            {
                new("gen_ai.operation.name", "chat"),
                new("gen_ai.provider.name", Provider),
                new("gen_ai.request.model", model),
                new("server.address", _serverAddress),
                new("server.port", _serverPort),
            },
            name: "chat " + model);
        if (activity is { IsAllDataRequested: true })
        {
            Describe(activity, body, streaming, clientRequestId);
            if (_captureMessages)
            {
                activity.SetTag("gen_ai.input.messages", MessageContent.Input(body.Messages, _redactor));
            }
        }

        return new Observation(this, activity, model);
    }

    private static void Describe(Activity activity, ChatCompletionRequest body, bool streaming, string? clientRequestId)
    {
        activity.SetTag("gen_ai.request.max_tokens", body.MaxCompletionTokens ?? body.MaxTokens);
        activity.SetTag("gen_ai.request.temperature", body.Temperature);
        activity.SetTag("gen_ai.request.top_p", body.TopP);
        activity.SetTag("gen_ai.request.frequency_penalty", body.FrequencyPenalty);
        activity.SetTag("gen_ai.request.presence_penalty", body.PresencePenalty);
        activity.SetTag("gen_ai.request.seed", body.Seed);
        activity.SetTag("gen_ai.request.stop_sequences", body.Stop?.ToArray());
        activity.SetTag("gen_ai.request.choice.count", body.N is { } n && n != 1 ? n : null);
        activity.SetTag("gen_ai.output.type", body.ResponseFormat switch
        {
            null => null,
            JsonObjectResponseFormat or JsonSchemaResponseFormat => "json",
            _ => "text",
        });
        activity.SetTag("aimlapi.request.stream", streaming);
        activity.SetTag("aimlapi.client_request_id", clientRequestId);
    }

    internal static string ErrorType(Exception error) => error.GetType().FullName ?? error.GetType().Name;

    private sealed class Observation : CallObservation
    {
        private readonly OpenTelemetryObserver _observer;
        private readonly Activity? _activity;
        private readonly string _model;
        private readonly long _started = Stopwatch.GetTimestamp();
        private int _attempts;

        public Observation(OpenTelemetryObserver observer, Activity? activity, string model)
        {
            _observer = observer;
            _activity = activity;
            _model = model;
        }

        public override void AttemptEnded(GeminiAttempt attempt)
        {
            _attempts = attempt.Number;
            if (!attempt.WillRetry || _activity is not { IsAllDataRequested: true })
            {
                return;
            }

            var tags = new ActivityTagsCollection
            {
                ["aimlapi.attempt"] = attempt.Number,
                ["aimlapi.retry.delay"] = attempt.RetryDelay!.Value.TotalSeconds,
            };
            if (attempt.StatusCode is { } status)
            {
                tags["http.response.status_code"] = status;
            }

            if (attempt.Error is { } error)
            {
                tags["error.type"] = ErrorType(error);
            }

            _activity.AddEvent(new ActivityEvent(RetryEvent, tags: tags));
        }

        public override void FirstChunk()
        {
            if (TimeToFirstChunk.Enabled)
            {
                var tags = Tags(null);
                TimeToFirstChunk.Record(GeminiTelemetry.SecondsSince(_started), tags);
            }
        }

        public override void Ended(ChatCompletion? completion, Exception? error)
        {
            var errorType = error is null ? null : ErrorType(error);
            if (_activity is { IsAllDataRequested: true })
            {
                if (completion is not null)
                {
                    Describe(_activity, completion);
                    if (_observer._captureMessages && completion.Choices is { Count: > 0 })
                    {
                        _activity.SetTag("gen_ai.output.messages", MessageContent.Output(completion, _observer._redactor));
                    }
                }

                _activity.SetTag("aimlapi.attempts", _attempts > 0 ? _attempts : completion?.ResponseInfo?.Attempts);
                if (errorType is not null)
                {
                    _activity.SetTag("error.type", errorType);
                    _activity.SetStatus(ActivityStatusCode.Error);
                }
            }

            _activity?.Dispose();
            Measure(completion, errorType);
        }

        private void Measure(ChatCompletion? completion, string? errorType)
        {
            var tags = Tags(completion?.Model);
            if (Duration.Enabled)
            {
                var durationTags = tags;
                if (errorType is not null)
                {
                    durationTags.Add("error.type", errorType);
                }

                Duration.Record(GeminiTelemetry.SecondsSince(_started), durationTags);
            }

            if (completion?.PromptTokens is { } input)
            {
                var inputTags = tags;
                inputTags.Add("gen_ai.token.type", "input");
                TokenUsage.Record(input, inputTags);
            }

            if (completion?.CompletionTokens is { } output)
            {
                var outputTags = tags;
                outputTags.Add("gen_ai.token.type", "output");
                TokenUsage.Record(output, outputTags);
            }

            if (completion?.ReasoningTokens is { } reasoning)
            {
                ReasoningTokens.Record(reasoning, tags);
            }

            if (completion?.UsdSpent is { } usd)
            {
                Cost.Add((double)usd, tags);
            }

            if (completion?.CreditsUsed is { } credits)
            {
                Credits.Add((double)credits, tags);
            }
        }

        private TagList Tags(string? responseModel)
        {
            var tags = new TagList
            {
                { "gen_ai.operation.name", "chat" },
                { "gen_ai.provider.name", Provider },
                { "gen_ai.request.model", _model },
                { "server.address", _observer._serverAddress },
                { "server.port", _observer._serverPort },
            };
            if (responseModel is not null)
            {
                tags.Add("gen_ai.response.model", responseModel);
            }

            return tags;
        }

        private static void Describe(Activity activity, ChatCompletion completion)
        {
            activity.SetTag("gen_ai.response.id", completion.Id);
            activity.SetTag("gen_ai.response.model", completion.Model);
            var reasons = completion.Choices?.Where(c => c.FinishReason is not null).Select(c => c.FinishReason!.Value.Value).ToArray();
            activity.SetTag("gen_ai.response.finish_reasons", reasons is { Length: > 0 } ? reasons : null);
            activity.SetTag("gen_ai.usage.input_tokens", completion.PromptTokens);
            activity.SetTag("gen_ai.usage.output_tokens", completion.CompletionTokens);
            activity.SetTag("gen_ai.usage.reasoning.output_tokens", completion.ReasoningTokens);
            activity.SetTag("aimlapi.usage.usd_spent", (double?)completion.UsdSpent);
            activity.SetTag("aimlapi.usage.credits_used", (double?)completion.CreditsUsed);
            activity.SetTag("aimlapi.inference_id", completion.InferenceId);
        }
    }
}
