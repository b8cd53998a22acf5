using System;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated;

/// <summary>
/// The one parser of error bodies, for error responses (<see cref="AimlApiException"/>) and a stream's error events
/// (<see cref="ChunkParser"/>): the documented body (<c>message</c>, <c>path</c>, <c>requestId</c>, <c>statusCode</c> as a
/// string or a number, <c>timestamp</c>) and the OpenAI-style <c>{"error":{"message"}}</c>. When a body has both, the
/// documented top-level <c>message</c> wins over <c>error.message</c>; then a string <c>error</c>, then <c>detail</c>.
/// </summary>
internal readonly struct ErrorBody
{
    public bool IsJson { get; init; }

    public string? Message { get; init; }

    public string? RequestId { get; init; }

    public string? Path { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public static ErrorBody Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || body!.TrimStart()[0] is not ('{' or '['))
        {
            return default;
        }

        JToken json;
        try
        {
            using var reader = new JsonTextReader(new System.IO.StringReader(body)) { MaxDepth = GeminiJson.MaxDepth, DateParseHandling = DateParseHandling.None };
            json = JToken.ReadFrom(reader);
        }
        catch (JsonException)
        {
            return default;
        }

        if (json is not JObject root)
        {
            return new ErrorBody { IsJson = true };
        }

        var error = root["error"] as JObject;
        return new ErrorBody
        {
            IsJson = true,
            Message = Text(root["message"]) ?? Text(error?["message"]) ?? Text(root["error"] as JValue) ?? Text(root["detail"]),
            RequestId = Text(root["requestId"]) ?? Text(root["request_id"]) ?? Text(error?["request_id"]),
            Path = Text(root["path"]),
            Timestamp = DateTimeOffset.TryParse(Text(root["timestamp"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp) ? timestamp : null,
        };
    }

    private static string? Text(JToken? token) =>
        token switch
        {
            null => null,
            JValue { Type: JTokenType.Null } => null,
            JValue value => Convert.ToString(value.Value, CultureInfo.InvariantCulture),
            JArray array => string.Join("; ", array.Select(Text).Where(t => t is not null)),
            _ => token.ToString(Formatting.None),
        };
}
