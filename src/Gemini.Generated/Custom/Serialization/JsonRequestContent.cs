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
            GeminiJson.Serializer.Serialize(json, value, typeof(T));
        }

        var content = new StringContent(text.ToString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
