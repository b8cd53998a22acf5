using System.Linq;
using Newtonsoft.Json;

namespace Gemini.Generated;

/// <summary>
/// A 200 body that parsed as JSON but is not a chat completion: an error body sent with status 200, or a body without choices.
/// Either is an error, never an empty answer.
/// </summary>
internal sealed class NotAChatCompletionException : JsonException
{
    public NotAChatCompletionException(bool carriesError)
        : base(carriesError ? "the body carries an error" : "the body has no choices")
    {
        CarriesError = carriesError;
    }

    /// <summary>The body has an <c>error</c> member, whose message then is the error's message.</summary>
    public bool CarriesError { get; }
}

/// <summary>Checks that a 200 body read as a <see cref="ChatCompletion"/> is one.</summary>
internal static class CompletionBodyCheck
{
    /// <summary>The result unchanged, or, for a completion that is not one, an error result with the body's JSON as its text.</summary>
    public static JsonReadResult<T> Check<T>(JsonReadResult<T> result)
    {
        if (result.Value is not ChatCompletion completion)
        {
            return result;
        }

        var carriesError = ExtensionData.IsSet(completion.ExtensionFields, "error");
        if (!carriesError && completion.Choices?.Any(c => c is not null) == true)
        {
            return result;
        }

        // The body was parsed whole and kept whole (extension data included), so its JSON is rebuilt only on this error path.
        return new JsonReadResult<T>(default, JsonConvert.SerializeObject(completion, GeminiJson.Settings), new NotAChatCompletionException(carriesError));
    }
}
