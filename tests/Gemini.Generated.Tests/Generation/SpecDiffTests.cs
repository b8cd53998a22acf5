using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Gemini.Generated.Tests.Support;
using Gemini.SpecTool;

namespace Gemini.Generated.Tests.Generation;

public class SpecDiffTests
{
    private const string Operation = "POST /v1/chat/completions";

    private static JsonObject Current() => PublishedSpec.Read();

    private static async Task<JsonObject> History() => Program.ReadSpec(await HistorySpec.BytesAsync(), TestPaths.HistorySpecSource);

    private static JsonObject Schema(JsonObject spec, string media = "application/json") =>
        spec["paths"]!["/v1/chat/completions"]!["post"]!["responses"]!["200"]!["content"]![media]!["schema"]!.AsObject();

    private static JsonObject RequestSchema(JsonObject spec) =>
        spec["paths"]!["/v1/chat/completions"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!.AsObject();

    [Test]
    public async Task Compare_CurrentToHistory_ShowsProviderAndMetaRemovedAsBreaking()
    {
        var diff = SpecDiff.Compare(Current(), await History());
        var rendered = diff.Render();

        Assert.That(rendered, Does.Contain("POST /v1/chat/completions\n  - request: provider (string) removed  [BREAKING]"));
        Assert.That(rendered, Does.Contain("  - response 200 application/json: meta (object, nullable) removed  [BREAKING]"));
        Assert.That(diff.Changes.Where(c => c.Operation == Operation).Select(c => c.Location),
            Is.EquivalentTo(new[] { "request: provider", "response 200 application/json: meta" }));
        Assert.That(diff.Changes, Has.All.Matches<SpecChange>(c => c.Breaking && c.Symbol == '-'));
    }

    [Test]
    public async Task Compare_HistoryToCurrent_ShowsProviderAndMetaAddedAsNonBreaking()
    {
        var diff = SpecDiff.Compare(await History(), Current());
        var rendered = diff.Render();

        Assert.That(rendered, Does.Contain("  + request: provider (string) added"));
        Assert.That(rendered, Does.Contain("  + response 200 application/json: meta (object, nullable) added"));
        Assert.That(diff.Changes, Has.None.Matches<SpecChange>(c => c.Breaking));
        Assert.That(rendered, Does.EndWith("3 changes, 0 breaking.\n"));
    }

    [Test]
    public void Compare_SameSpec_ReportsNoChanges()
    {
        var diff = SpecDiff.Compare(Current(), Current());

        Assert.That(diff.Changes, Is.Empty);
        Assert.That(diff.Render(), Does.StartWith("No changes"));
    }

    [Test]
    public void Compare_ReportsEnumValuesTypeChangesAndRequiredFlags()
    {
        var after = Current();
        var finishReason = Schema(after)["properties"]!["choices"]!["items"]!["properties"]!["finish_reason"]!;
        finishReason["enum"]!.AsArray().Add("max_tokens");
        var request = RequestSchema(after);
        request["properties"]!["temperature"]!["type"] = "string";
        request["required"]!.AsArray().Add("seed");
        request["properties"]!["model"]!["enum"]!.AsArray().Clear();
        request["properties"]!["model"]!["enum"]!.AsArray().Add("google/gemini-3-flash");
        Schema(after)["required"]!.AsArray().Remove(Schema(after)["required"]!.AsArray().First(r => (string?)r == "usage"));

        var changes = SpecDiff.Compare(Current(), after).Changes.Where(c => c.Operation == Operation).ToList();

        Assert.That(changes, Has.One.Matches<SpecChange>(c =>
            c.Location == "response 200 application/json: choices[].finish_reason" && c.Description == "enum value 'max_tokens' added" && !c.Breaking));
        Assert.That(changes, Has.One.Matches<SpecChange>(c =>
            c.Location == "request: temperature" && c.Description == "type changed from number to string" && c.Breaking));
        Assert.That(changes, Has.One.Matches<SpecChange>(c => c.Location == "request: seed" && c.Description == "became required" && c.Breaking));
        Assert.That(changes, Has.One.Matches<SpecChange>(c => c.Location == "request: model" && c.Description == "enum value 'google/gemini-2.5-flash' removed" && c.Breaking));
        Assert.That(changes, Has.One.Matches<SpecChange>(c => c.Location == "request: model" && c.Description == "enum value 'google/gemini-3-flash' added"));
        Assert.That(changes, Has.One.Matches<SpecChange>(c => c.Location == "response 200 application/json: usage" && c.Description == "is no longer required" && c.Breaking));
    }

    [Test]
    public void Compare_NamesUnionBranchesByTheirRole()
    {
        var after = Current();
        var variants = RequestSchema(after)["properties"]!["messages"]!["items"]!["oneOf"]!.AsArray();
        var tool = variants.First(v => (string?)v!["properties"]!["role"]!["enum"]![0] == "tool")!;
        tool["properties"]!.AsObject().Remove("name");

        var change = SpecDiff.Compare(Current(), after).Changes.Single(c => c.Operation == Operation);

        Assert.That(change.Location, Is.EqualTo("request: messages[](role=tool).name"));
        Assert.That(change.Breaking, Is.True);
    }
}
