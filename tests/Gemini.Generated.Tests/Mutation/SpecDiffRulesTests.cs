using System.Collections.Generic;
using System.Linq;
using Gemini.SpecTool;

namespace Gemini.Generated.Tests.Mutation;

/// <summary><see cref="SpecDiff"/> on hand-built surfaces: which change is breaking on which side, and how it is printed.</summary>
public class SpecDiffRulesTests
{
    private const string Op = "POST /v1/x";

    [TestCase("request:", null)]
    [TestCase("nothing", null)]
    [TestCase("request: a", "request:")]
    [TestCase("request: a.b", "request: a")]
    [TestCase("request: a[]", "request: a")]
    [TestCase("request: a{*}", "request: a")]
    [TestCase("request: m[](role=tool)", "request: m[]")]
    [TestCase("request: m[](role=tool).name", "request: m[](role=tool)")]
    [TestCase("request: a(x.y)", "request: a")]
    [TestCase("response 200 application/json: c[].f", "response 200 application/json: c[]")]
    public void Parent_IsTheEnclosingLocation(string location, string? parent)
    {
        Assert.That(SpecDiff.Parent(location), Is.EqualTo(parent));
    }

    [TestCase("request", true, false)]
    [TestCase("response 200 application/json", false, true)]
    public void Nullability_BreaksARequestThatStopsAcceptingNullAndAResponseThatStartsSendingIt(string side, bool noLongerBreaks, bool becameBreaks)
    {
        var noLonger = Single(Element(side, "f", nullable: true), Element(side, "f"));
        Assert.That((noLonger.Description, noLonger.Symbol, noLonger.Breaking), Is.EqualTo(("is no longer nullable", '~', noLongerBreaks)));

        var became = Single(Element(side, "f"), Element(side, "f", nullable: true));
        Assert.That((became.Description, became.Breaking), Is.EqualTo(("became nullable", becameBreaks)));
    }

    [TestCase("request", true, false)]
    [TestCase("response 200 application/json", false, true)]
    public void Required_BreaksANewlyRequiredRequestFieldAndAResponseFieldThatBecameOptional(string side, bool becameBreaks, bool noLongerBreaks)
    {
        var became = Single(Element(side, "f"), Element(side, "f", required: true));
        Assert.That((became.Description, became.Breaking), Is.EqualTo(("became required", becameBreaks)));

        var noLonger = Single(Element(side, "f", required: true), Element(side, "f"));
        Assert.That((noLonger.Description, noLonger.Breaking), Is.EqualTo(("is no longer required", noLongerBreaks)));
    }

    [TestCase("request", true)]
    [TestCase("response 200 application/json", false)]
    public void Enums_ANewEnumAndARemovedValueBreakOnlyTheRequest(string side, bool breaks)
    {
        var became = Single(Element(side, "f"), Element(side, "f", values: new[] { "a", "b" }));
        Assert.That((became.Description, became.Breaking), Is.EqualTo(("became an enum (a, b)", breaks)));

        var noLonger = Single(Element(side, "f", values: new[] { "a" }), Element(side, "f"));
        Assert.That((noLonger.Description, noLonger.Breaking), Is.EqualTo(("is no longer an enum", false)));

        var changes = Compare(new[] { Element(side, "f", values: new[] { "a", "b" }) }, new[] { Element(side, "f", values: new[] { "b", "c" }) });
        Assert.That(changes.Select(c => (c.Symbol, c.Description, c.Breaking)),
            Is.EqualTo(new[] { ('+', "enum value 'c' added", false), ('-', "enum value 'a' removed", breaks) }));
        Assert.That(Compare(new[] { Element(side, "f", values: new[] { "a" }) }, new[] { Element(side, "f", values: new[] { "a" }) }), Is.Empty);
    }

    [Test]
    public void TypeAndOperationId_ChangesAreReported()
    {
        var type = Single(Element("response 200 application/json", "f"), Element("response 200 application/json", "f", type: "integer"));
        Assert.That((type.Description, type.Breaking), Is.EqualTo(("type changed from string to integer", true)));

        var id = Compare(new[] { Operation("old") }, new[] { Operation("new") }, withOperation: false).Single();
        Assert.That((id.Location, id.Symbol, id.Description, id.Breaking), Is.EqualTo(("", '~', "operationId changed from 'old' to 'new'", false)));
    }

    [Test]
    public void Operations_AddedAndRemoved_AreListedOnceWithoutTheirContents()
    {
        var body = RequestBody(Op);
        var removed = Compare(new[] { Operation("op"), body, Element("request", "f") }, new SurfaceElement[0], withOperation: false).Single();
        Assert.That((removed.Operation, removed.Location, removed.Symbol, removed.Description, removed.Breaking), Is.EqualTo((Op, "", '-', "operation removed", true)));

        var added = Compare(new SurfaceElement[0], new[] { Operation("op"), body, Element("request", "f") }, withOperation: false).Single();
        Assert.That((added.Symbol, added.Description, added.Breaking), Is.EqualTo(('+', "operation added", false)));
    }

    [TestCase("request", true)]
    [TestCase("response 200 application/json", false)]
    public void AddedAndRemovedProperties_AreSummarizedAndOnlyTheTopmostIsListed(string side, bool isRequest)
    {
        var subtree = new[]
        {
            Element(side, "a", type: "array", required: true, nullable: true), Element(side, "a[]", type: "object"), Element(side, "a[].b"),
        };

        var added = Compare(new SurfaceElement[0], subtree).Single();
        Assert.That((added.Location, added.Symbol, added.Description, added.Breaking),
            Is.EqualTo(($"{side}: a", '+', "(array of object, nullable, required) added", isRequest)));

        var removed = Compare(subtree, new SurfaceElement[0]).Single();
        Assert.That((removed.Symbol, removed.Description, removed.Breaking), Is.EqualTo(('-', "(array of object, nullable) removed", true)));

        var plain = Compare(new SurfaceElement[0], new[] { Element(side, "s") }).Single();
        Assert.That((plain.Description, plain.Breaking), Is.EqualTo(("(string) added", false)));
        var bareArray = Compare(new SurfaceElement[0], new[] { Element(side, "l", type: "array") }).Single();
        Assert.That(bareArray.Description, Is.EqualTo("(array) added"));
    }

    [TestCase("request", false, true)]
    [TestCase("response 200 application/json", true, false)]
    public void UnionBranches_AddedBreakAResponse_RemovedBreakARequest(string side, bool addedBreaks, bool removedBreaks)
    {
        var union = Element(side, "u", type: "object");
        var branch = new SurfaceElement(Op, $"{side}: u(kind=x)", "object", false, false, "oneOf", null);

        var added = Compare(new[] { union }, new[] { union, branch }).Single();
        Assert.That((added.Description, added.Breaking), Is.EqualTo(("oneOf branch added (object)", addedBreaks)));

        var removed = Compare(new[] { union, branch }, new[] { union }).Single();
        Assert.That((removed.Description, removed.Breaking), Is.EqualTo(("oneOf branch removed (object)", removedBreaks)));
    }

    [Test]
    public void Changes_AreOrderedByOperationThenByPositionInTheNewSurface_RemovalsAfterTheirPredecessor()
    {
        const string other = "GET /v1/y";
        var before = new SpecSurface(new[]
        {
            Operation("op"), RequestBody(Op), Element("request", "a"), Element("request", "gone"), Element("request", "b"),
            new SurfaceElement(other, "", "op2", false, false, null, null), RequestBody(other), new SurfaceElement(other, "request: z", "string", false, false, null, null),
        });
        var after = new SpecSurface(new[]
        {
            Operation("op"), RequestBody(Op), Element("request", "new"), Element("request", "a"), Element("request", "b", type: "integer"),
            new SurfaceElement(other, "", "op2", false, false, null, null), RequestBody(other), new SurfaceElement(other, "request: z", "integer", false, false, null, null),
        });

        var changes = SpecDiff.Compare(before, after).Changes;

        Assert.That(changes.Select(c => c.Location), Is.EqualTo(new[] { "request: new", "request: gone", "request: b", "request: z" }));
        Assert.That(changes.Select(c => c.Operation), Is.EqualTo(new[] { Op, Op, Op, other }));
    }

    [Test]
    public void Render_GroupsByOperationMarksBreakingAndCounts()
    {
        var result = new SpecDiffResult(new[]
        {
            new SpecChange(Op, "", '+', "operation added", false),
            new SpecChange(Op, "request: f", '-', "(string) removed", true),
            new SpecChange("GET /y", "request: g", '~', "became nullable", false),
        });

        Assert.That(result.Render(), Is.EqualTo(
            $"{Op}\n  + operation added\n  - request: f (string) removed  [BREAKING]\nGET /y\n  ~ request: g became nullable\n\n3 changes, 1 breaking.\n"));
        Assert.That(new SpecDiffResult(new[] { new SpecChange(Op, "", '+', "operation added", false) }).Render(), Does.EndWith("\n1 change, 0 breaking.\n"));
        Assert.That(new SpecDiffResult(new SpecChange[0]).Render(),
            Is.EqualTo("No changes to operations or schemas (descriptions and examples are not compared).\n"));
    }

    private static SurfaceElement RequestBody(string operation) => new(operation, "request:", "object", false, false, null, null);

    private static SurfaceElement Operation(string id) => new(Op, "", id, false, false, null, null);

    private static SurfaceElement Element(string side, string name, string type = "string", bool required = false, bool nullable = false, string[]? values = null) =>
        new(Op, $"{side}: {name}", type, required, nullable, null, values);

    private static SpecChange Single(SurfaceElement before, SurfaceElement after) => Compare(new[] { before }, new[] { after }).Single();

    private static List<SpecChange> Compare(IEnumerable<SurfaceElement> before, IEnumerable<SurfaceElement> after, bool withOperation = true)
    {
        var head = withOperation ? new[] { Operation("op"), RequestBody(Op), new SurfaceElement(Op, "response 200 application/json:", "object", false, false, null, null) } : new SurfaceElement[0];
        return SpecDiff.Compare(new SpecSurface(head.Concat(before).ToList()), new SpecSurface(head.Concat(after).ToList())).Changes.ToList();
    }
}
