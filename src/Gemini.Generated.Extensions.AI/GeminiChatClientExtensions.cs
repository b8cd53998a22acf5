using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Gemini.Generated;
using Gemini.Generated.Extensions.AI;

// CUSTOM: in Microsoft.Extensions.AI's namespace, as Microsoft.Extensions.AI.OpenAI does: a file written against IChatClient
// needs no using Gemini.Generated, whose ChatMessage and ChatRole would clash with Microsoft.Extensions.AI's (CS0104).
namespace Microsoft.Extensions.AI;

/// <summary>Microsoft.Extensions.AI over <see cref="GeminiClient"/>: an <see cref="IChatClient"/>, and tools from <see cref="AIFunction"/>.</summary>
public static class GeminiChatClientExtensions
{
    /// <summary>
    /// An <see cref="IChatClient"/> that sends through <paramref name="client"/>: its default token limit, truncation behaviour,
    /// retries, timeouts and typed errors (<see cref="AimlApiException"/>, <see cref="GeminiTruncationException"/>, ...) hold.
    /// Usage carries reasoning tokens; cost and the inference id are in <see cref="ChatResponse.AdditionalProperties"/>
    /// (<see cref="GeminiPropertyNames"/>); <see cref="ChatResponse.RawRepresentation"/> is the <see cref="ChatCompletion"/>.
    /// </summary>
    /// <param name="client">The client to send with; it is shared, not owned: disposing the chat client leaves it usable.</param>
    /// <param name="defaultModelId">The model when <see cref="ChatOptions.ModelId"/> is not set; by default the client's.</param>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is null.</exception>
    public static IChatClient AsIChatClient(this GeminiClient client, string? defaultModelId = null) =>
        new GeminiChatClient(client ?? throw new ArgumentNullException(nameof(client)), defaultModelId);

    /// <summary>
    /// The function as a tool for a <see cref="ChatCompletionRequest"/>: its name, description and JSON schema (from
    /// <see cref="AIFunctionFactory"/>, for a method). <c>AdditionalProperties["Strict"] = true</c> on the function sends
    /// <c>strict</c>.
    /// </summary>
    /// <example><code>
    /// var weather = AIFunctionFactory.Create((string city) => $"Sunny in {city}", "get_weather", "The weather in a city");
    /// request.Tools = new List&lt;ChatTool&gt; { weather.AsGeminiChatTool() };
    /// </code></example>
    /// <exception cref="ArgumentNullException"><paramref name="function"/> is null.</exception>
    public static ChatTool AsGeminiChatTool(this AIFunctionDeclaration function) =>
        RequestMapping.ToChatTool(function ?? throw new ArgumentNullException(nameof(function)));

    /// <summary>
    /// Runs the function for a tool call the model made, with the call's arguments, and returns the tool message that answers it:
    /// the result as text (a string as is, anything else as JSON).
    /// </summary>
    /// <exception cref="ArgumentException">The call is not a function call to <paramref name="function"/>, or its arguments are not a JSON object.</exception>
    public static async Task<ToolMessage> InvokeAsync(this AIFunction function, ChatToolCall toolCall, CancellationToken cancellationToken = default)
    {
        if (function is null)
        {
            throw new ArgumentNullException(nameof(function));
        }

        if (toolCall?.Function is not { } call || string.IsNullOrEmpty(toolCall.Id))
        {
            throw new ArgumentException("The tool call has no id or no function: answer only function calls with an id.", nameof(toolCall));
        }

        if (!string.Equals(call.Name, function.Name, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The tool call is to \"{call.Name}\", not to \"{function.Name}\".", nameof(toolCall));
        }

        IDictionary<string, object?>? arguments;
        try
        {
            arguments = string.IsNullOrWhiteSpace(call.Arguments) ? null : JsonSerializer.Deserialize<Dictionary<string, object?>>(call.Arguments!, AIJsonUtilities.DefaultOptions);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The arguments of tool call {toolCall.Id} to \"{call.Name}\" are not a JSON object: {ex.Message}", nameof(toolCall), ex);
        }

        var result = await function.InvokeAsync(new AIFunctionArguments(arguments ?? new Dictionary<string, object?>()), cancellationToken).ConfigureAwait(false);
        return Gemini.Generated.ChatMessage.Tool(toolCall.Id!, RequestMapping.ToolResultText(result));
    }
}
