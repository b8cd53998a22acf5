using System;
using System.Collections.Generic;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated.Testing;

/// <summary>A request <see cref="FakeAimlServer"/> received.</summary>
public sealed class FakeRequest
{
    internal FakeRequest(string method, string path, IReadOnlyDictionary<string, string> headers, string body, JObject? json, ChatCompletionRequest? chat)
    {
        Method = method;
        Path = path;
        Headers = headers;
        Body = body;
        Json = json;
        Chat = chat;
    }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The path, for example <c>/v1/chat/completions</c>.</summary>
    public string Path { get; }

    /// <summary>The request headers (first value of each), by case-insensitive name.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body as sent.</summary>
    public string Body { get; }

    /// <summary>The body as JSON, when it is a JSON object.</summary>
    public JObject? Json { get; }

    /// <summary>The body as a chat completion request, when it is one.</summary>
    public ChatCompletionRequest? Chat { get; }

    /// <summary>True when the request asked to stream.</summary>
    public bool IsStreaming => Json?["stream"]?.Type == JTokenType.Boolean && (bool)Json["stream"]!;

    /// <summary>The X-Client-Request-Id header, if sent.</summary>
    public string? ClientRequestId => Header("X-Client-Request-Id");

    /// <summary>The first value of a header, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Method, path and body.</summary>
    public override string ToString() => $"{Method} {Path} {Body}";
}
