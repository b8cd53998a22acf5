using System;
using System.Collections.Generic;
using System.Globalization;

namespace Gemini.Generated;

/// <summary>The HTTP side of a call: status, headers, and the tracing and cost headers the service sends.</summary>
public sealed class ResponseInfo
{
    private readonly ResponseHeaders _headers;

    /// <summary>Creates the info; the client builds it from the response. Public so that tests can create one.</summary>
    public ResponseInfo(int statusCode, IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers, int attempts = 1)
        : this(statusCode, new ResponseHeaders(headers ?? throw new ArgumentNullException(nameof(headers))), attempts)
    {
    }

    /// <summary>Over the call's own view of the response's headers, read only when asked.</summary>
    internal ResponseInfo(int statusCode, ResponseHeaders headers, int attempts)
    {
        StatusCode = statusCode;
        _headers = headers;
        Attempts = attempts;
    }

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>Response and content headers, by case-insensitive name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers => _headers;

    /// <summary>How many HTTP attempts the call took (1 when it was not retried).</summary>
    public int Attempts { get; }

    /// <summary><c>x-inference-id</c>: the id the charge is recorded under.</summary>
    public string? InferenceId => GetHeader("x-inference-id");

    /// <summary><c>x-client-request-id</c>: the X-Client-Request-Id the service stored, echoed back.</summary>
    public string? ClientRequestId => GetHeader("x-client-request-id");

    /// <summary><c>x-aimlapi-credits-used</c>, when sent (non-streaming responses).</summary>
    public decimal? CreditsUsed => Decimal(GetHeader("x-aimlapi-credits-used"));

    /// <summary><c>x-aimlapi-usd-spent</c>, when sent (non-streaming responses).</summary>
    public decimal? UsdSpent => Decimal(GetHeader("x-aimlapi-usd-spent"));

    /// <summary>The first value of a header, or null.</summary>
    public string? GetHeader(string name) => _headers.First(name);

    /// <summary>Status, attempts and tracing ids.</summary>
    public override string ToString() =>
        $"ResponseInfo {{ StatusCode = {StatusCode}, Attempts = {Attempts}, InferenceId = {InferenceId ?? "null"}, ClientRequestId = {ClientRequestId ?? "null"} }}";

    private static decimal? Decimal(string? value) =>
        decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
}
