using Newtonsoft.Json;

namespace Gemini.Generated;

/// <summary>The one set of serializer settings the SDK uses everywhere. Built once: a contract resolver per call costs milliseconds.</summary>
internal static class GeminiJson
{
    /// <summary>Deeper documents are refused rather than parsed.</summary>
    public const int MaxDepth = 64;

    public static JsonSerializerSettings Settings { get; } = Configure(new JsonSerializerSettings());

    public static JsonSerializer Serializer { get; } = JsonSerializer.Create(Settings);

    public static JsonSerializerSettings Configure(JsonSerializerSettings settings)
    {
        settings.NullValueHandling = NullValueHandling.Ignore;
        settings.MissingMemberHandling = MissingMemberHandling.Ignore;
        // Strings that look like dates stay strings: unknown fields are kept exactly as sent.
        settings.DateParseHandling = DateParseHandling.None;
        settings.MaxDepth = MaxDepth;
        // "{...} garbage" is a broken body, not a completion.
        settings.CheckAdditionalContent = true;
        // This API has no $id, $ref or $type: a field of that name is an unknown field to keep, not serializer metadata.
        settings.MetadataPropertyHandling = MetadataPropertyHandling.Ignore;
        // JsonNode and JsonElement (a schema from System.Text.Json) are written as the JSON they hold.
        settings.ContractResolver = GeminiContractResolver.Instance;
        return settings;
    }
}
