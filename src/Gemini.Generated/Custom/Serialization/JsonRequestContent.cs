using System;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;

namespace Gemini.Generated;

/// <summary>A request body as JSON, written by the SDK's one shared serializer with pooled writer buffers.</summary>
internal static class JsonRequestContent
{
    public static HttpContent Create<T>(T value)
    {
        var text = new StringWriter(new StringBuilder(512), CultureInfo.InvariantCulture);
        using (var json = new JsonTextWriter(text) { ArrayPool = JsonCharPool.Instance, CloseOutput = false })
        {
            try
            {
                GeminiJson.Serializer.Serialize(json, value, typeof(T));
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or NotSupportedException)
            {
                // Bad input, found before anything is sent: the call ends with it as is (OutcomeClassifier), never retried.
                throw new ArgumentException($"The request could not be serialized at '{json.Path}': {ex.Message}", "request", ex);
            }
        }

        var content = new StringContent(text.ToString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
