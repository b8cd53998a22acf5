using System;
using System.IO;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Gemini.SpecTool;

/// <summary>The committed record of the spec the code is generated against: where it came from, its sha256 and size.</summary>
public sealed record SpecLock(string Source, string Sha256, long Size)
{
    public static string HashOf(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    public static SpecLock For(string source, byte[] bytes) => new(source, HashOf(bytes), bytes.LongLength);

    public bool Matches(byte[] bytes) => bytes.LongLength == Size && string.Equals(HashOf(bytes), Sha256, StringComparison.OrdinalIgnoreCase);

    public static SpecLock Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new SpecToolException(SpecToolException.Codes.Lock,
                $"The spec lock '{path}' is missing. Create it by accepting a spec: dotnet build src/Gemini.Generated -t:UpdateSpec -p:GeminiSpecSource=<path or URL>");
        }

        try
        {
            var node = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
            return new SpecLock(
                (string?)node["source"] ?? throw new FormatException("'source' is missing"),
                (string?)node["sha256"] ?? throw new FormatException("'sha256' is missing"),
                (long?)node["size"] ?? throw new FormatException("'size' is missing"));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or NullReferenceException)
        {
            throw new SpecToolException(SpecToolException.Codes.Lock, $"The spec lock '{path}' is malformed: {ex.Message}.", ex);
        }
    }

    public void Write(string path)
    {
        var node = new JsonObject
        {
            ["source"] = Source,
            ["sha256"] = Sha256,
            ["size"] = Size,
        };
        File.WriteAllText(path, node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
