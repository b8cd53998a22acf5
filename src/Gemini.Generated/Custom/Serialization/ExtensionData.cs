using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated;

/// <summary>
/// Reads fields the spec does not list from a generated type's extension data (<c>AdditionalProperties</c>): a value there is a
/// string, number or boolean as read, or a <see cref="JToken"/> for an object or array (or any JToken a caller put there).
/// </summary>
internal static class ExtensionData
{
    public static string? String(IDictionary<string, object>? fields, string key) =>
        fields is not null && fields.TryGetValue(key, out var value) ? AsString(value) : null;

    public static JObject? Object(IDictionary<string, object>? fields, string key) =>
        fields is not null && fields.TryGetValue(key, out var value) ? value as JObject : null;

    /// <summary>Whether the field is there with a value other than null.</summary>
    public static bool IsSet(IDictionary<string, object>? fields, string key) =>
        fields is not null && fields.TryGetValue(key, out var value) && value is not null && value is not JValue { Type: JTokenType.Null };

    /// <summary><c>extra_content.google.{key}</c>: where Google's OpenAI-compatible API puts what only Gemini has.</summary>
    public static JToken? Google(IDictionary<string, object>? fields, string key) => (Object(fields, "extra_content")?["google"] as JObject)?[key];

    public static string? AsString(object? value) => value switch
    {
        string text => text,
        JValue { Type: JTokenType.String } token => (string?)token,
        _ => null,
    };
}
