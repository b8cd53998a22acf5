using System;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;
using Gemini.Generated.Tests.Support;
using Gemini.SpecTool;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>The spec tool's JSON pointers and spec lock on their own.</summary>
public class SpecToolPrimitivesTests
{
    [Test]
    public void Pointer_EscapesAndSplitsTildeAndSlashTokens()
    {
        Assert.That(JsonPointer.Escape("a/b~c"), Is.EqualTo("a~1b~0c"));
        Assert.That(JsonPointer.Unescape("a~1b~0c"), Is.EqualTo("a/b~c"));
        Assert.That(JsonPointer.Unescape("~01"), Is.EqualTo("~1"), "~0 is unescaped last");
        Assert.That(JsonPointer.Append("/paths", "/chat/completions"), Is.EqualTo("/paths/~1chat~1completions"));
        Assert.That(JsonPointer.Split(""), Is.Empty);
        Assert.That(JsonPointer.Split("/a~1b/0/"), Is.EqualTo(new[] { "a/b", "0", "" }));
        var error = Assert.Throws<ArgumentException>(() => JsonPointer.Split("a/b"))!;
        Assert.That(error.ParamName, Is.EqualTo("pointer"));
        Assert.That(error.Message, Does.Contain("A JSON pointer starts with '/': 'a/b'."));
    }

    [Test]
    public void Pointer_Find_WalksObjectsAndArraysAndReturnsNullForAnythingMissing()
    {
        var root = JsonNode.Parse("""{"a":{"b/c":[10,{"d":true}]},"n":null}""")!;

        Assert.That(JsonPointer.Find(root, ""), Is.SameAs(root));
        Assert.That((int)JsonPointer.Find(root, "/a/b~1c/0")!, Is.EqualTo(10));
        Assert.That((bool)JsonPointer.Find(root, "/a/b~1c/1/d")!, Is.True);
        Assert.That(JsonPointer.Find(root, "/a/b~1c/2"), Is.Null);
        Assert.That(JsonPointer.Find(root, "/a/b~1c/-1"), Is.Null);
        Assert.That(JsonPointer.Find(root, "/a/b~1c/x"), Is.Null);
        Assert.That(JsonPointer.Find(root, "/a/missing/deeper"), Is.Null);
        Assert.That(JsonPointer.Find(root, "/a/b~1c/0/deeper"), Is.Null, "a value has no children");
        Assert.That(JsonPointer.Find(root, "/n/deeper"), Is.Null);
    }

    [Test]
    public void Pointer_ReplaceAndRemove_ChangeTheNodeUnderAnExistingParent()
    {
        var root = JsonNode.Parse("""{"a":{"x":1},"list":[1,2]}""")!;

        JsonPointer.Replace(root, "/a/x", 2);
        JsonPointer.Replace(root, "/a/y", "new");
        JsonPointer.Replace(root, "/list/1", 3);

        Assert.That(root.ToJsonString(), Is.EqualTo("""{"a":{"x":2,"y":"new"},"list":[1,3]}"""));
        Assert.That(JsonPointer.Remove(root, "/a/x"), Is.True);
        Assert.That(JsonPointer.Remove(root, "/a/x"), Is.False);
        Assert.That(JsonPointer.Remove(root, "/list/0"), Is.False, "only object members are removed");
        Assert.That(root.ToJsonString(), Is.EqualTo("""{"a":{"y":"new"},"list":[1,3]}"""));

        Assert.That(Assert.Throws<InvalidOperationException>(() => JsonPointer.Replace(root, "/missing/x", 1))!.Message,
            Is.EqualTo("No container at the parent of '/missing/x'."));
        Assert.That(Assert.Throws<ArgumentException>(() => JsonPointer.Replace(root, "", 1))!.Message, Does.StartWith("The root has no parent."));
    }

    [Test]
    public void Lock_MatchesOnlyTheSameSizeAndHashInAnyCase()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"openapi\":\"3.0.0\"}");
        var specLock = SpecLock.For("source", bytes);

        Assert.That(specLock.Sha256, Is.EqualTo(SpecLock.HashOf(bytes)).And.Length.EqualTo(64).And.Match("^[0-9a-f]+$"));
        Assert.That(specLock.Size, Is.EqualTo(bytes.Length));
        Assert.That(specLock.Matches(bytes), Is.True);
        Assert.That((specLock with { Sha256 = specLock.Sha256.ToUpperInvariant() }).Matches(bytes), Is.True);
        Assert.That((specLock with { Size = bytes.Length + 1 }).Matches(bytes), Is.False);
        Assert.That(specLock.Matches(Encoding.UTF8.GetBytes("{\"openapi\":\"3.0.1\"}")), Is.False);
    }

    [Test]
    public void Lock_WriteThenRead_RoundTripsAndReportsAMissingOrMalformedLock()
    {
        var folder = TestPaths.TempDirectory("lock");
        var path = Path.Combine(folder, "spec.lock.json");
        var written = new SpecLock("https://example.org/spec.json", "ab12", 42);

        written.Write(path);

        Assert.That(SpecLock.Read(path), Is.EqualTo(written));
        Assert.That(File.ReadAllText(path), Does.EndWith("}\n").And.Contain("\n  \"sha256\": \"ab12\""));

        var missing = Assert.Throws<SpecToolException>(() => SpecLock.Read(Path.Combine(folder, "none.json")))!;
        Assert.That(missing.Code, Is.EqualTo(SpecToolException.Codes.Lock));
        Assert.That(missing.Message, Does.Contain("is missing"));

        foreach (var (json, why) in new[] { ("{\"sha256\":\"a\",\"size\":1}", "'source' is missing"), ("{\"source\":\"s\",\"size\":1}", "'sha256' is missing"),
                     ("{\"source\":\"s\",\"sha256\":\"a\"}", "'size' is missing"), ("not json", "malformed"), ("[1]", "malformed") })
        {
            File.WriteAllText(path, json);
            var error = Assert.Throws<SpecToolException>(() => SpecLock.Read(path))!;
            Assert.That(error.Code, Is.EqualTo(SpecToolException.Codes.Lock));
            Assert.That(error.Message, Does.Contain("is malformed").And.Contain(why), json);
        }
    }
}
