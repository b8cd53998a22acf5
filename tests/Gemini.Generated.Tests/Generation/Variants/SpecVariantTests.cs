using System.Linq;
using System.Threading.Tasks;
using Gemini.SpecTool;

namespace Gemini.Generated.Tests.Generation.Variants;

/// <summary>
/// Each kind of change the published spec has gone through, as a variant of the current spec, in both directions: what
/// UpdateSpec prints, its exit code, whether it accepts the lock, and what the next build does with it (normalization and
/// NSwag, in process; <see cref="VariantBuildTests"/> builds the whole solution for the four that must build).
/// </summary>
[NonParallelizable]
public class SpecVariantTests
{
    private const string Breaking = "  [BREAKING]";

    private static readonly (string Variant, string Forward, string Backward)[] Summaries =
    {
        ("drops-provider", "- request: provider (string) removed" + Breaking, "+ request: provider (string) added\n"),
        ("adds-request-properties", "+ request: reasoning_effort (string) added\n", "- request: reasoning_effort (string) removed" + Breaking),
        ("adds-content-parts", "+ request: messages[](role=user).content(array)[](type=video_url) anyOf branch added (object)\n",
            "- request: messages[](role=user).content(array)[](type=video_url) anyOf branch removed (object)" + Breaking),
        ("tools-become-unions", "+ request: tools[](type=custom) oneOf branch added (object)\n", "- request: tools[](type=custom) oneOf branch removed (object)" + Breaking),
        ("adds-tool-choice-variants", "+ request: tool_choice(type=allowed_tools) anyOf branch added (object)\n",
            "- request: tool_choice(type=allowed_tools) anyOf branch removed (object)" + Breaking),
        ("system-content-is-text-only", "~ request: messages[](role=system).content type changed from any to string" + Breaking,
            "~ request: messages[](role=system).content type changed from string to any" + Breaking),
        ("drops-duplicate-path", "POST /chat/completions\n  - operation removed" + Breaking, "POST /chat/completions\n  + operation added\n"),
        ("drops-meta", "- response 200 application/json: meta (object, nullable) removed" + Breaking, "+ response 200 application/json: meta (object, nullable) added\n"),
        ("drops-nested-response-property", "- response 200 application/json: choices[].message.audio.expires_at (integer) removed" + Breaking,
            "+ response 200 application/json: choices[].message.audio.expires_at (integer, required) added\n"),
        ("changes-model-enum", "- request: model enum value 'google/gemini-2.5-flash' removed" + Breaking, "+ request: model enum value 'google/gemini-2.5-flash' added\n"),
        ("adds-uncovered-union", "+ request: routing (any) added\n", "- request: routing (any) removed" + Breaking),
        ("adds-required-request-property", "+ request: safety_identifier (string, required) added" + Breaking, "- request: safety_identifier (string) removed" + Breaking),
    };

    private static string Forward(string variant) => Summaries.Single(s => s.Variant == variant).Forward;

    [Test]
    public void EveryVariant_HasItsSummaryLines() =>
        Assert.That(Summaries.Select(s => s.Variant), Is.EquivalentTo(SpecVariants.All.Keys));

    [Test]
    public async Task DropsProvider_IsAcceptedAndGeneratesWithoutIt()
    {
        var (update, code) = await AcceptedAsync("drops-provider");

        Assert.That(update.Output, Does.Contain("1 change, 1 breaking."), "provider is not a contract: removing it breaks callers, not the build");
        Assert.That(code, Does.Not.Contain("Provider"));
    }

    [Test]
    public async Task AddsRequestProperties_IsAcceptedAndGeneratesEachWithAStableTypedName()
    {
        var (update, code) = await AcceptedAsync("adds-request-properties");

        Assert.That(update.Output, Does.Contain("+ request: modalities (array of string) added\n")
            .And.Contain("+ request: audio (object) added\n").And.Contain("+ request: normalize_tool_schemas (boolean) added\n")
            .And.Contain("4 changes, 0 breaking."));
        Assert.That(code, Does.Contain("public ChatCompletionRequestReasoningEffort? ReasoningEffort { get; set; }")
            .And.Contain("public enum ChatCompletionRequestReasoningEffort")
            .And.Contain("public System.Collections.Generic.IList<ChatCompletionRequestModalitiesItem>? Modalities { get; set; }")
            .And.Contain("public ChatCompletionRequestAudio? Audio { get; set; }")
            .And.Contain("public partial class ChatCompletionRequestAudio")
            .And.Contain("public bool? NormalizeToolSchemas { get; set; }"));
        Assert.That(code, Does.Contain("public string Voice { get; set; }"), "the open enum (known values, or any string) is a string");
        Assert.That(code, Does.Contain("Known values: alloy, ash, ballad"));
    }

    [Test]
    public async Task AddsContentParts_IsAcceptedAndEachBecomesASubtypeNamedFromItsTag()
    {
        var (_, code) = await AcceptedAsync("adds-content-parts");

        foreach (var (tag, type) in new[] { ("video_url", "VideoUrlContentPart"), ("file", "FileContentPart"), ("input_audio", "InputAudioContentPart") })
        {
            Assert.That(code, Does.Contain($"[JsonInheritanceAttribute(\"{tag}\", typeof({type}))]"));
            Assert.That(code, Does.Contain($"public partial class {type} : ChatContentPart"));
        }

        Assert.That(code, Does.Contain("public partial class VideoUrlContentPartVideoUrl"), "its inline object is named after owner and property");
        Assert.That(code, Does.Contain("public string Url { get; set; }"), "a uri stays a string");
    }

    [Test]
    public async Task ToolsBecomeUnions_IsAcceptedAndEachKindIsAPayloadOfOneClass()
    {
        var (_, code) = await AcceptedAsync("tools-become-unions");

        Assert.That(code, Does.Contain("public partial class ChatTool").And.Contain("public CustomToolDefinition? Custom { get; set; }")
            .And.Contain("public FunctionDefinition? Function { get; set; }"));
        Assert.That(code, Does.Contain("public partial class ChatToolCall").And.Contain("public CustomToolCall? Custom { get; set; }"));
    }

    [Test]
    public async Task AddsToolChoiceVariants_IsAcceptedAndTheHandWrittenToolChoiceCarriesThem()
    {
        var (_, code) = await AcceptedAsync("adds-tool-choice-variants");

        Assert.That(code, Does.Contain("public ToolChoice? ToolChoice { get; set; }"));
        Assert.That(code, Does.Not.Contain("class ToolChoice"), "the hand-written ToolChoice keeps a choice of any other shape as sent");
    }

    [Test]
    public async Task SystemContentIsTextOnly_IsAcceptedAndKeepsTheContentType()
    {
        var (_, code) = await AcceptedAsync("system-content-is-text-only");

        var system = code.Substring(code.IndexOf("public partial class SystemMessage", System.StringComparison.Ordinal));
        Assert.That(system.Substring(0, system.IndexOf("\n    }", System.StringComparison.Ordinal)), Does.Contain("public ChatMessageContent Content { get; set; }"));
    }

    [Test]
    public async Task DropsDuplicatePath_IsAcceptedWithAShapingWarning()
    {
        var (update, code) = await AcceptedAsync("drops-duplicate-path");

        Assert.That(update.Output, Does.Contain("warning GEM010: Normalization rule 'drop-duplicate-operation' skipped 'POST /chat/completions': not in the spec."));
        Assert.That(code, Does.Contain("public partial class ChatCompletionRequest"));
    }

    [Test]
    public async Task DropsMeta_IsRefusedNamingTheCostContract_AndTheLockStays()
    {
        var update = await RefusedAsync("drops-meta");

        Assert.That(update.Error, Does.Contain("error GEM009").And.Contain("Contract 'cost': 'POST /v1/chat/completions response 200 application/json: meta' is not in the spec")
            .And.Contain("needed by ChatCompletion.CreditsUsed").And.Contain("-p:GeminiAcceptBreakingSpec=true"));
    }

    [Test]
    public async Task DropsMeta_WithAcceptBreaking_RewritesTheLockAndTheSurface()
    {
        var workspace = SpecWorkspace.Create("variant");
        var spec = SpecVariants.Build("drops-meta");

        var update = await workspace.UpdateAsync(workspace.Write(spec, "drops-meta"), acceptBreaking: true);

        Assert.That(update.ExitCode, Is.EqualTo(0), update.ToString());
        Assert.That(update.Output, Does.Contain("warning GEM009: accepted with -p:GeminiAcceptBreakingSpec=true"));
        Assert.That(workspace.LockIsUnchanged || workspace.SurfaceIsUnchanged, Is.False);
        Assert.That(SpecSurface.Read(workspace.Surface).Find(SpecPaths.OperationName, SpecPaths.Completion + " meta"), Is.Null);
    }

    [Test]
    public async Task DropsNestedResponseProperty_IsAcceptedAndTheCoercionIsSkippedWithAWarning()
    {
        var (update, code) = await AcceptedAsync("drops-nested-response-property");

        Assert.That(update.Output, Does.Contain("warning GEM010: Normalization rule 'number-formats' skipped 'response 200 application/json: choices[].message.audio.expires_at'"));
        Assert.That(code, Does.Contain("public partial class ChatAudio").And.Not.Contain("ExpiresAt"));
    }

    [Test]
    public async Task ChangesModelEnum_IsAcceptedAndTheModelStaysAString()
    {
        var (update, code) = await AcceptedAsync("changes-model-enum");

        Assert.That(update.Output, Does.Contain("+ request: model enum value 'google/gemini-2.5-pro' added"));
        Assert.That(code, Does.Contain("its default model (google/gemini-2.5-pro, google/gemini-2.5-pro-preview)").And.Contain("public string? Model { get; set; }"));
    }

    [Test]
    public async Task AddsUncoveredUnion_IsRefusedNamingWhereItIs()
    {
        var update = await RefusedAsync("adds-uncovered-union");

        Assert.That(update.Error, Does.Contain("rule 'unions-covered'").And.Contain("'ChatCompletionRequest.routing'").And.Contain("no rule covers this oneOf"));
    }

    [Test]
    public async Task AddsRequiredRequestProperty_IsBreakingInTheSummaryButGenerates()
    {
        var (update, code) = await AcceptedAsync("adds-required-request-property");

        Assert.That(update.Output, Does.Contain("1 change, 1 breaking."));
        Assert.That(code, Does.Contain("public string SafetyIdentifier { get; set; }"));
    }

    [TestCaseSource(nameof(VariantNames))]
    public async Task Backward_FromTheVariantToTheCurrentSpec_ListsTheReverseAndIsAccepted(string variant)
    {
        var workspace = SpecWorkspace.Create("backward");
        var accepted = await workspace.UpdateAsync(workspace.Write(SpecVariants.Build(variant), variant), acceptBreaking: true);
        Assert.That(accepted.ExitCode, Is.EqualTo(0), accepted.ToString());

        var update = await workspace.UpdateAsync(workspace.Write(SpecVariants.Current(), "current"));

        Assert.That(update.ExitCode, Is.EqualTo(0), update.ToString());
        Assert.That(update.Output, Does.Contain(Summaries.Single(s => s.Variant == variant).Backward));
        Assert.That(update.Output, Does.Contain("Normalization: the next build can generate from it").And.Contain("every rule applies."));
        Assert.That(SpecLock.Read(workspace.Lock).Sha256, Is.EqualTo(SpecLock.HashOf(Program.Serialize(SpecVariants.Current()))));
        Assert.That(SpecSurface.Read(workspace.Surface).Render(), Is.EqualTo(SpecSurface.Of(SpecVariants.Current(), SpecLock.Read(workspace.Lock).Sha256).Render()));
    }

    private static string[] VariantNames() => SpecVariants.All.Keys.ToArray();

    private static async Task<(UpdateResult Update, string Code)> AcceptedAsync(string variant)
    {
        var workspace = SpecWorkspace.Create("variant");
        var spec = SpecVariants.Build(variant);

        var update = await workspace.UpdateAsync(workspace.Write(spec, variant));

        Assert.That(update.ExitCode, Is.EqualTo(0), update.ToString());
        Assert.That(update.Output, Does.Contain(Forward(variant)));
        Assert.That(update.Output, Does.Contain("Normalization: the next build can generate from it"));
        Assert.That(workspace.LockIsUnchanged, Is.False, "the lock is rewritten");
        Assert.That(SpecLock.Read(workspace.Lock).Sha256, Is.EqualTo(SpecLock.HashOf(Program.Serialize(spec))));
        Assert.That(SpecSurface.Read(workspace.Surface).Render(), Is.EqualTo(SpecSurface.Of(spec, SpecLock.HashOf(Program.Serialize(spec))).Render()), "the surface is rewritten");
        return (update, workspace.Generate(spec));
    }

    private static async Task<UpdateResult> RefusedAsync(string variant)
    {
        var workspace = SpecWorkspace.Create("variant");

        var update = await workspace.UpdateAsync(workspace.Write(SpecVariants.Build(variant), variant));

        Assert.That(update.ExitCode, Is.Not.EqualTo(0), update.ToString());
        Assert.That(update.Output, Does.Contain(Forward(variant)), "the summary is printed before the refusal");
        Assert.That(workspace.LockIsUnchanged, Is.True, "the lock is unchanged");
        Assert.That(workspace.SurfaceIsUnchanged, Is.True, "the surface is unchanged");
        return update;
    }
}
