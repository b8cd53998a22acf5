using System;
using System.IO;
using Newtonsoft.Json;

namespace Gemini.Generated;

// CUSTOM: the answer read as a typed value, for structured output (JsonSchemaResponseFormat.For<T>()).
public partial class ChatCompletion
{
    /// <summary>
    /// Reads the first choice's answer as JSON of type <typeparamref name="T"/>, with Newtonsoft.Json (the rules
    /// <see cref="JsonSchemaResponseFormat.For{T}"/> built the schema with). A <c>```json</c> fence around the answer is allowed.
    /// </summary>
    /// <exception cref="GeminiContentException">
    /// The answer is empty, refused, cut off by the token limit, not JSON, or JSON that does not fit <typeparamref name="T"/>; the
    /// message says which, and <see cref="GeminiContentException.Completion"/> holds the answer.
    /// </exception>
    public T GetContent<T>()
    {
        var type = typeof(T);
        var refusal = FirstChoice?.Message?.Refusal;
        var json = Unfence(Text);
        if (json.Length == 0)
        {
            throw new GeminiContentException(
                refusal is { Length: > 0 } ? $"The model refused instead of answering with a {type.Name}: \"{refusal}\"."
                : IsTruncated ? $"The answer is empty: the token limit cut it off before any {type.Name} was written (finish_reason \"{FinishReason}\"). Raise MaxCompletionTokens."
                : $"The answer is empty where JSON for a {type.Name} was expected (finish_reason \"{FinishReason}\").",
                this, type, null);
        }

        try
        {
            using var reader = new JsonTextReader(new StringReader(json)) { MaxDepth = GeminiJson.MaxDepth };
            var value = GeminiJson.Serializer.Deserialize<T>(reader);
            if (value is null)
            {
                throw new GeminiContentException($"The answer is JSON null where a {type.Name} was expected.", this, type, null);
            }

            return value;
        }
        catch (JsonException ex)
        {
            var cut = IsTruncated ? $" The token limit cut the answer off (finish_reason \"{FinishReason}\"), so the JSON is incomplete: raise MaxCompletionTokens." : string.Empty;
            throw new GeminiContentException(
                $"The answer ({json.Length} characters) is not JSON that fits {type.Name}: {ex.Message}{cut} The answer is in Completion.Text.", this, type, ex);
        }
    }

    /// <summary>The JSON inside a Markdown code fence, which models add now and then; otherwise the text, trimmed.</summary>
    private static string Unfence(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal) || !trimmed.EndsWith("```", StringComparison.Ordinal) || trimmed.Length < 6)
        {
            return trimmed;
        }

        var firstLineEnd = trimmed.IndexOf('\n');
        return firstLineEnd < 0 ? trimmed.Substring(3, trimmed.Length - 6).Trim() : trimmed.Substring(firstLineEnd + 1, trimmed.Length - firstLineEnd - 4).Trim();
    }
}
