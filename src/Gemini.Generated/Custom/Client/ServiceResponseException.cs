using System;

namespace Gemini.Generated;

/// <summary>What the generated client throws for a non-success status or an unreadable body; the client turns it into <see cref="AimlApiException"/>.</summary>
/// <remarks>CUSTOM: named in nswag.json (exceptionClass) with generateExceptionClasses off, so NSwag's public ApiException does not exist.</remarks>
internal sealed class ServiceResponseException : Exception
{
    public ServiceResponseException(string message, int statusCode, string? response, ResponseHeaders headers, Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Response = response;
        Headers = headers;
    }

    public int StatusCode { get; }

    public string? Response { get; }

    public ResponseHeaders Headers { get; }
}
