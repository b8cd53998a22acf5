using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Gemini.SpecTool;

/// <summary>
/// Command line of the spec pipeline. MSBuild runs <c>prepare</c> on every build whose inputs changed and
/// <c>update</c> for the UpdateSpec target; <c>diff</c> and <c>normalize</c> are there for people.
/// Failures print one MSBuild-style error line ("error GEMnnn: ...") and exit with 1.
/// </summary>
public static class Program
{
    private const string Usage =
        "usage:\n" +
        "  prepare   --source S --base-dir D --lock L --cache FILE --out FILE --nswag FILE\n" +
        "  update    --source S --base-dir D --lock L --surface FILE --repo-root R [--record-source S] [--accept-breaking true]\n" +
        "  diff      OLD NEW\n" +
        "  normalize IN OUT";

    public static async Task<int> Main(string[] args) => await RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            if (args.Length == 0)
            {
                throw new SpecToolException(SpecToolException.Codes.Usage, Usage.Replace('\n', ' '));
            }

            var options = ParseOptions(args.Skip(1).ToArray(), out var positional);
            switch (args[0])
            {
                case "prepare":
                    await PrepareAsync(options, output).ConfigureAwait(false);
                    return 0;
                case "update":
                    await UpdateAsync(options, output).ConfigureAwait(false);
                    return 0;
                case "diff" when positional.Count == 2:
                    output.Write(SpecDiff.Compare(ReadSpec(File.ReadAllBytes(positional[0]), positional[0]), ReadSpec(File.ReadAllBytes(positional[1]), positional[1])).Render());
                    return 0;
                case "normalize" when positional.Count == 2:
                    var result = SpecNormalizer.Normalize(ReadSpec(File.ReadAllBytes(positional[0]), positional[0]));
                    WriteAtomically(positional[1], Serialize(result.Document));
                    return 0;
                default:
                    throw new SpecToolException(SpecToolException.Codes.Usage, Usage.Replace('\n', ' '));
            }
        }
        catch (SpecToolException ex)
        {
            // MSBuild's canonical format: the build shows "GeminiSpecSource : error GEM001: ..." as one error.
            error.WriteLine($"GeminiSpecSource : error {ex.Code}: {ex.Message}");
            return 1;
        }
    }

    /// <summary>Pull, verify against the lock, cache, normalize: everything generation needs.</summary>
    private static async Task PrepareAsync(IReadOnlyDictionary<string, string> options, TextWriter output)
    {
        var source = Required(options, "source");
        var lockPath = Required(options, "lock");
        var bytes = await SpecSource.PullAsync(source, Required(options, "base-dir")).ConfigureAwait(false);
        var expected = SpecLock.Read(lockPath);
        if (!expected.Matches(bytes))
        {
            var actual = SpecLock.For(source, bytes);
            throw new SpecToolException(SpecToolException.Codes.HashMismatch,
                $"The spec from {source} is not the locked version: the lock ({lockPath}) has sha256 {expected.Sha256} ({expected.Size} bytes), " +
                $"the pulled spec has sha256 {actual.Sha256} ({actual.Size} bytes). " +
                $"To see what changed and accept it: dotnet build src/Gemini.Generated -t:UpdateSpec -p:GeminiSpecSource={source}");
        }

        WriteIfChanged(Required(options, "cache"), bytes);

        var result = SpecNormalizer.Normalize(ReadSpec(bytes, source));
        WriteWarnings(result.Warnings, output);
        // Unchanged output keeps its timestamp, so MSBuild skips NSwag and the compile when only the source or the lock's time moved.
        WriteIfChanged(Required(options, "out"), Serialize(result.Document));
        CheckExcludedTypes(Required(options, "nswag"), result.HandWrittenTypes);
    }

    /// <summary>
    /// Pull a new version, print what changed against the committed surface of the locked one, check that the next build can
    /// generate from it, and rewrite the lock and the surface; or refuse, leaving both as they are.
    /// </summary>
    private static async Task UpdateAsync(IReadOnlyDictionary<string, string> options, TextWriter output)
    {
        var source = Required(options, "source");
        var lockPath = Required(options, "lock");
        var surfacePath = Required(options, "surface");
        var repoRoot = Required(options, "repo-root");
        var baseDirectory = Required(options, "base-dir");
        var acceptBreaking = options.TryGetValue("accept-breaking", out var accept) && string.Equals(accept, "true", StringComparison.OrdinalIgnoreCase);

        var bytes = await SpecSource.PullAsync(source, baseDirectory).ConfigureAwait(false);
        var next = ReadSpec(bytes, source);
        var recordedSource = options.TryGetValue("record-source", out var given) && given.Length > 0
            ? given
            : SpecSource.IsHttp(source) || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
                ? source
                : Path.GetRelativePath(repoRoot, SpecSource.ResolvePath(source, baseDirectory)).Replace('\\', '/');
        var updated = SpecLock.For(recordedSource, bytes);
        var nextSurface = SpecSurface.Of(next, updated.Sha256);

        SpecLock? locked = File.Exists(lockPath) ? SpecLock.Read(lockPath) : null;
        output.WriteLine($"Spec lock: {lockPath}");
        output.WriteLine($"  locked: {Describe(locked)}");
        output.WriteLine($"  new:    {Describe(updated)}");
        output.WriteLine();

        if (locked is not null && locked.Matches(bytes))
        {
            output.WriteLine("No change: the spec is the locked version; the lock is left as it is.");
            if (!File.Exists(surfacePath) || File.ReadAllText(surfacePath) != nextSurface.Render())
            {
                nextSurface.Write(surfacePath);
                output.WriteLine($"The surface of the locked spec was missing or out of date; written to {surfacePath}.");
            }

            return;
        }

        if (File.Exists(surfacePath))
        {
            var previous = SpecSurface.Read(surfacePath);
            if (locked is not null && !string.Equals(previous.Sha256, locked.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                output.WriteLine($"Note: {surfacePath} describes sha256 {previous.Sha256}, not the locked {locked.Sha256}; the changes below are against it.");
            }

            output.Write(SpecDiff.Compare(previous, nextSurface).Render());
        }
        else
        {
            output.WriteLine($"There is no surface of the locked spec at {surfacePath}, so the changes cannot be listed.");
        }

        output.WriteLine();
        SpecToolException? failure = null;
        try
        {
            var result = SpecNormalizer.Normalize((JsonObject)next.DeepClone());
            WriteWarnings(result.Warnings, output);
            output.WriteLine($"Normalization: the next build can generate from it: {result.TypeNames.Count} named types" +
                (result.Warnings.Count == 0 ? "; every rule applies." : $"; {result.Warnings.Count} shaping rule target(s) skipped (warnings above)."));
        }
        catch (SpecToolException ex)
        {
            failure = ex;
        }

        if (failure is not null && !acceptBreaking)
        {
            throw new SpecToolException(SpecToolException.Codes.Refused,
                $"UpdateSpec refused the spec from {source}: the next build could not generate from it. {failure.Message} " +
                $"The lock ({lockPath}) and the surface ({surfacePath}) are unchanged. To accept it anyway, and fix the build after: " +
                $"dotnet build src/Gemini.Generated -t:UpdateSpec -p:GeminiSpecSource={source} -p:GeminiAcceptBreakingSpec=true");
        }

        if (failure is not null)
        {
            output.WriteLine($"GeminiSpecSource : warning {SpecToolException.Codes.Refused}: accepted with -p:GeminiAcceptBreakingSpec=true, although the next build will fail until the code is updated: {failure.Message}");
        }

        updated.Write(lockPath);
        nextSurface.Write(surfacePath);
        output.WriteLine($"Lock updated to sha256 {updated.Sha256} ({updated.Size} bytes), and the surface in {surfacePath}; the next build regenerates the SDK.");
    }

    private static void WriteWarnings(IEnumerable<NormalizationWarning> warnings, TextWriter output)
    {
        foreach (var warning in warnings)
        {
            // MSBuild's canonical format, so that the build shows it as a warning.
            output.WriteLine($"GeminiSpecSource : warning {SpecToolException.Codes.Skipped}: {warning}");
        }
    }

    /// <summary>The hand-written union and value types must be listed in nswag.json's excludedTypeNames, or NSwag would emit empty classes for them.</summary>
    public static void CheckExcludedTypes(string nswagPath, IReadOnlyList<string> handWritten)
    {
        JsonArray? excluded;
        try
        {
            excluded = JsonNode.Parse(File.ReadAllText(nswagPath))?["codeGenerators"]?["openApiToCSharpClient"]?["excludedTypeNames"] as JsonArray;
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            throw new SpecToolException(SpecToolException.Codes.Usage, $"Cannot read {nswagPath}: {ex.Message}", ex);
        }

        var names = excluded?.Select(n => (string?)n).ToHashSet(StringComparer.Ordinal) ?? new HashSet<string?>();
        var missing = handWritten.Where(n => !names.Contains(n)).ToArray();
        if (missing.Length > 0)
        {
            throw new SpecToolException(SpecToolException.Codes.Normalization,
                $"{nswagPath} must list the hand-written types in excludedTypeNames; missing: {string.Join(", ", missing)}.");
        }
    }

    private static string Describe(SpecLock? spec) =>
        spec is null ? "(none)" : $"sha256 {spec.Sha256}, {spec.Size} bytes, from {spec.Source}";

    public static JsonObject ReadSpec(byte[] bytes, string source)
    {
        try
        {
            var document = JsonNode.Parse(bytes) as JsonObject
                ?? throw new SpecToolException(SpecToolException.Codes.InvalidSpec, $"The spec from {source} is not a JSON object.");
            if (document["openapi"] is null || document["paths"] is not JsonObject)
            {
                throw new SpecToolException(SpecToolException.Codes.InvalidSpec, $"The document from {source} is not an OpenAPI 3 document (no 'openapi' or 'paths').");
            }

            return document;
        }
        catch (JsonException ex)
        {
            throw new SpecToolException(SpecToolException.Codes.InvalidSpec, $"The spec from {source} is not valid JSON: {ex.Message}", ex);
        }
    }

    public static byte[] Serialize(JsonNode document) =>
        JsonSerializer.SerializeToUtf8Bytes(document, new JsonSerializerOptions { WriteIndented = true });

    public static void WriteIfChanged(string path, byte[] bytes)
    {
        if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            WriteAtomically(path, bytes);
        }
    }

    /// <summary>Writes through a temporary file so a parallel reader never sees half a file.</summary>
    public static void WriteAtomically(string path, byte[] bytes)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }

    private static string Required(IReadOnlyDictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new SpecToolException(SpecToolException.Codes.Usage, $"--{name} is required. {Usage.Replace('\n', ' ')}");

    private static Dictionary<string, string> ParseOptions(string[] args, out List<string> positional)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        positional = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= args.Length)
                {
                    throw new SpecToolException(SpecToolException.Codes.Usage, $"{args[i]} needs a value.");
                }

                options[args[i].Substring(2)] = args[++i];
            }
            else
            {
                positional.Add(args[i]);
            }
        }

        return options;
    }
}
