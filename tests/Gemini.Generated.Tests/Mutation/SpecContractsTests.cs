using System.Linq;
using Gemini.SpecTool;
using static Gemini.Generated.Tests.Mutation.SpecRuleHarness;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>The contract check on small specs and surfaces: what it accepts as the type a contract needs, and how it reports.</summary>
public class SpecContractsTests
{
    [Test]
    public void Check_WhenContractsAreBroken_ListsEachOneAndSaysWhatToUpdate()
    {
        var context = new NormalizationContext(Document());

        var error = Assert.Throws<SpecToolException>(() => Contracts.Check(context))!;

        Assert.That(error.Code, Is.EqualTo(SpecToolException.Codes.Normalization));
        Assert.That(error.Message, Does.StartWith("The spec breaks what the hand-written code relies on: Contract 'messages': 'POST /v1/chat/completions request: messages' is not in the spec; "));
        Assert.That(error.Message, Does.Contain("needed by ChatCompletionRequest constructors, gemini-chat, FakeAimlServer, JsonInheritanceConverter (every discriminated hierarchy), " +
            "ChatMessage.System, ChatMessage.Developer, ChatMessage.User, ChatMessage.Assistant, ChatMessage.Assistant(ChatCompletionMessage), ChatMessage.Tool. " +
            "Contract 'message-content': 'POST /v1/chat/completions request: messages' is not in the spec; "));
        Assert.That(error.Message, Does.EndWith(". Update the hand-written code, then the contract in build/Gemini.SpecTool/Normalization/Contracts.cs."));
    }

    [Test]
    public void Broken_MatchesAContractsTypeAsAWholeWord_FollowedOnlyByAFormat()
    {
        var surface = new SpecSurface(new[]
        {
            Element("request: model", "strings"),
            Element("request: max_tokens", "integer (int32)"),
            Element("request: max_completion_tokens", "numbers"),
        });

        var broken = Contracts.Broken(surface).Where(b => b.Name is "model" or "token-limit").Select(b => (b.Where, b.Problem));

        Assert.That(broken, Is.EqualTo(new[]
        {
            ("POST /v1/chat/completions request: max_completion_tokens", "is numbers, not integer or number"),
            ("POST /v1/chat/completions request: model", "is strings, not string"),
        }));
    }

    private static SurfaceElement Element(string location, string type) => new(SpecPaths.OperationName, location, type, false, false, null, null);
}
