using System.Linq;
using Gemini.SpecTool;

namespace Gemini.Generated.Tests.Mutation;

/// <summary><see cref="SpecDiff"/>: where a change is listed, bodies added and removed, and <see cref="SpecDiff.Parent"/> on any text.</summary>
public class SpecDiffOrderingTests
{
    private const string Op = "POST /v1/x";

    [TestCase("request application/vnd.api+json:", null)]
    [TestCase("response 200 application/vnd.api+json:", null)]
    [TestCase(".a", "")]
    [TestCase("(x)", "")]
    [TestCase("]", null)]
    [TestCase(")", null)]
    [TestCase("}", null)]
    [TestCase("{*}", null)]
    [TestCase(" ", null)]
    [TestCase("a:b", null)]
    [TestCase("request: a[)", "request:")]
    [TestCase("request: a[x]", "request:")]
    [TestCase("request: a{x}", "request:")]
    public void Parent_OfTextNoSurfaceProduces_IsFoundOnlyAtASeparator(string location, string? parent)
    {
        Assert.That(SpecDiff.Parent(location), Is.EqualTo(parent));
    }

    [Test]
    public void Bodies_AddedOrRemovedInAnExistingOperation_AreListed()
    {
        var operation = Element("", "op");
        var body = Element("request:", "object");

        var added = SpecDiff.Compare(new SpecSurface(new[] { operation }), new SpecSurface(new[] { operation, body })).Changes;
        Assert.That(added.Select(c => (c.Location, c.Symbol, c.Description, c.Breaking)), Is.EqualTo(new[] { ("request:", '+', "(object) added", false) }));

        var removed = SpecDiff.Compare(new SpecSurface(new[] { operation, body }), new SpecSurface(new[] { operation })).Changes;
        Assert.That(removed.Select(c => (c.Location, c.Symbol, c.Description, c.Breaking)), Is.EqualTo(new[] { ("request:", '-', "(object) removed", true) }));
    }

    [Test]
    public void AnOperationOnOneSideOnly_IsListedAfterTheOperationsOfTheOldSurface()
    {
        const string other = "GET /v1/y";
        var before = new SpecSurface(new[] { Element("", "op"), Element("request:", "object"), Element("request: f", "string") });
        var after = new SpecSurface(new[]
        {
            Element("", "op"), Element("request:", "object"), Element("request: f", "integer"), new SurfaceElement(other, "", "get", false, false, null, null),
        });

        var changes = SpecDiff.Compare(before, after).Changes;

        Assert.That(changes.Select(c => (c.Operation, c.Location, c.Description)), Is.EqualTo(new[]
        {
            (Op, "request: f", "type changed from string to integer"), (other, "", "operation added"),
        }));
        Assert.That(SpecDiff.Compare(after, before).Changes.Select(c => (c.Operation, c.Location, c.Description)), Is.EqualTo(new[]
        {
            (Op, "request: f", "type changed from integer to string"), (other, "", "operation removed"),
        }));
    }

    [Test]
    public void ARemoval_IsListedRightAfterTheChangesOfItsPredecessor()
    {
        var before = new SpecSurface(new[] { Element("", "op"), Element("request:", "object"), Element("request: a", "string"), Element("request: gone", "string") });
        var after = new SpecSurface(new[] { Element("", "op"), Element("request:", "object"), Element("request: a", "integer") });

        var changes = SpecDiff.Compare(before, after).Changes;

        Assert.That(changes.Select(c => c.Description), Is.EqualTo(new[] { "type changed from string to integer", "(string) removed" }));
    }

    [Test]
    public void ARemovalWithNoPredecessor_IsListedFirst()
    {
        var before = new SpecSurface(new[] { Element("request: gone", "string"), Element("", "old"), Element("request:", "object") });
        var after = new SpecSurface(new[] { Element("", "new"), Element("request:", "object") });

        var changes = SpecDiff.Compare(before, after).Changes;

        Assert.That(changes.Select(c => c.Description), Is.EqualTo(new[] { "(string) removed", "operationId changed from 'old' to 'new'" }));
    }

    private static SurfaceElement Element(string location, string type) => new(Op, location, type, false, false, null, null);
}
