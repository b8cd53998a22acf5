using System.Collections.Generic;

namespace Gemini.SpecTool;

/// <summary>Where the operation the SDK calls sits in the published spec, and the labels the change summary gives its bodies.</summary>
public static class SpecPaths
{
    public const string OperationName = "POST /v1/chat/completions";
    public const string Operation = "/paths/~1v1~1chat~1completions/post";
    public const string DuplicatePath = "/paths/~1chat~1completions";

    public const string Request = "request:";
    public const string Completion = "response 200 application/json:";
    public const string Chunk = "response 200 text/event-stream:";

    /// <summary>Body label to JSON pointer, as published.</summary>
    public static IReadOnlyDictionary<string, string> Bodies { get; } = new Dictionary<string, string>
    {
        [Request] = Operation + "/requestBody/content/application~1json/schema",
        [Completion] = Operation + "/responses/200/content/application~1json/schema",
        [Chunk] = Operation + "/responses/200/content/text~1event-stream/schema",
    };
}
