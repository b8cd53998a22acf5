using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Gemini.Generated.Tests.Support;
using Gemini.SpecTool;

namespace Gemini.Generated.Tests.Mutation;

/// <summary><see cref="SpecSurface"/> of small hand-written documents, and its surface file written and read back.</summary>
public class SpecSurfaceShapesTests
{
    [Test]
    public void Of_ListsTheOperationsOfEveryHttpMethodInTheirFixedOrder()
    {
        var methods = new[] { "trace", "patch", "head", "options", "delete", "post", "put", "get" };
        var item = new JsonObject();
        foreach (var method in methods)
        {
            item[method] = new JsonObject { ["operationId"] = method };
        }

        var surface = SpecSurface.Of(new JsonObject { ["paths"] = new JsonObject { ["/x"] = item } });

        Assert.That(surface.Operations, Is.EqualTo(new[] { "GET /x", "PUT /x", "POST /x", "DELETE /x", "OPTIONS /x", "HEAD /x", "PATCH /x", "TRACE /x" }));
    }

    [Test]
    public void Of_ReadsOperationsAndBodiesWithTheirPointers_NamingAMediaTypeOnlyWhenThereAreSeveral()
    {
        var document = Parse("""
            {"paths":{
              "/x":{"post":{"operationId":"make",
                "requestBody":{"content":{"application/json":{"schema":{"type":"string"}},"text/plain":{}}},
                "responses":{"200":{"content":{"application/json":{}}},"204":{},"205":{"content":{}}}}},
              "/y":{"put":{
                "requestBody":{"content":{"application/json":{"schema":{"type":"integer","format":"int32"}}}}}}}}
            """);

        var elements = SpecSurface.Of(document).Elements;

        const string x = "POST /x";
        const string y = "PUT /y";
        Assert.That(elements, Is.EqualTo(new[]
        {
            new SurfaceElement(x, "", "make", false, false, null, null, "/paths/~1x/post"),
            new SurfaceElement(x, "request application/json:", "string", false, false, null, null, "/paths/~1x/post/requestBody/content/application~1json/schema"),
            new SurfaceElement(x, "request text/plain:", "none", false, false, null, null, "/paths/~1x/post/requestBody/content/text~1plain"),
            new SurfaceElement(x, "response 200 application/json:", "none", false, false, null, null, "/paths/~1x/post/responses/200/content/application~1json"),
            new SurfaceElement(x, "response 204:", "none", false, false, null, null, "/paths/~1x/post/responses/204"),
            new SurfaceElement(x, "response 205:", "none", false, false, null, null, "/paths/~1x/post/responses/205"),
            new SurfaceElement(y, "", "", false, false, null, null, "/paths/~1y/put"),
            new SurfaceElement(y, "request:", "integer (int32)", false, false, null, null, "/paths/~1y/put/requestBody/content/application~1json/schema"),
        }));
    }

    [Test]
    public void Of_FollowsALocalReferenceToTheNamedSchemaAndLeavesAnyOtherReferenceAtItsPlace()
    {
        var document = Parse("""
            {"paths":{"/x":{"post":{
              "requestBody":{"content":{"application/json":{"schema":{"$ref":"#/components/schemas/Pet"}}}},
              "responses":{"200":{"content":{"application/json":{"schema":{"$ref":"other.json#/Pet"}}}}}}}},
             "components":{"schemas":{"Pet":{"type":"object","required":["name"],
               "properties":{"name":{"type":"string"},"flag":true,"tags":{"type":"array","items":{"type":"string","enum":["a"]}}}}}}}
            """);

        var elements = SpecSurface.Of(document).Elements.Skip(1).ToList();

        Assert.That(elements.Select(e => (e.Location, e.Type, e.Required, e.Pointer)), Is.EqualTo(new[]
        {
            ("request:", "object", false, "/components/schemas/Pet"),
            ("request: name", "string", true, "/components/schemas/Pet/properties/name"),
            ("request: tags", "array", false, "/components/schemas/Pet/properties/tags"),
            ("request: tags[]", "string", false, "/components/schemas/Pet/properties/tags/items"),
            ("response 200 application/json:", "any", false, "/paths/~1x/post/responses/200/content/application~1json/schema"),
        }));
        Assert.That(elements[3].Enum, Is.EqualTo(new[] { "a" }));
    }

    [TestCase("properties")]
    [TestCase("items")]
    [TestCase("additionalProperties")]
    [TestCase("oneOf")]
    public void Of_StopsThirtyTwoLevelsBelowABody(string edge)
    {
        JsonObject schema = new() { ["type"] = "string" };
        for (var i = 0; i < 40; i++)
        {
            schema = edge switch
            {
                "properties" => new JsonObject { ["type"] = "object", ["properties"] = new JsonObject { ["p"] = schema } },
                "oneOf" => new JsonObject { ["oneOf"] = new JsonArray(schema) },
                _ => new JsonObject { [edge] = schema },
            };
        }

        var document = new JsonObject
        {
            ["paths"] = new JsonObject
            {
                ["/x"] = new JsonObject
                {
                    ["post"] = new JsonObject
                    {
                        ["requestBody"] = new JsonObject { ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = schema } } },
                    },
                },
            },
        };

        var schemas = SpecSurface.Of(document).Elements.Skip(1).ToList();

        Assert.That(schemas, Has.Count.EqualTo(33), "the body and 32 levels below it");
        var step = new Dictionary<string, string> { ["properties"] = ".p", ["items"] = "[]", ["additionalProperties"] = "{*}", ["oneOf"] = "(#1)" }[edge];
        Assert.That(schemas[32].Location.Replace(" ", ""), Is.EqualTo("request:" + string.Concat(Enumerable.Repeat(step, 32)).TrimStart('.')));
    }

    [Test]
    public void Parse_ReadsBackWhatDescribeWrites()
    {
        var elements = new[]
        {
            new SurfaceElement("GET /x", "request: a", "string", true, false, null, null),
            new SurfaceElement("GET /x", "request: b", "object", false, true, "oneOf", null),
            new SurfaceElement("GET /x", "request: c(#1)", "integer (int64)", true, true, "anyOf", new[] { "1", "2" }),
            new SurfaceElement("GET /x", "request: d", "", false, false, null, new[] { "x, y" }),
        };

        foreach (var element in elements)
        {
            var parsed = SurfaceElement.Parse(element.Operation, element.Location, element.Describe());
            Assert.That(Fields(parsed), Is.EqualTo(Fields(element)), element.Describe());
        }
    }

    [Test]
    public void Parse_TakesAnOperationsDescriptionAsItsOperationIdWithoutFlags()
    {
        Assert.That(SurfaceElement.Parse("GET /x", "", "list, required, nullable"),
            Is.EqualTo(new SurfaceElement("GET /x", "", "list, required, nullable", false, false, null, null)));
    }

    [Test]
    public void WriteAndRead_KeepEveryElementAndTheHash()
    {
        var elements = new[]
        {
            new SurfaceElement("POST /x", "", "make", false, false, null, null),
            new SurfaceElement("POST /x", "request:", "object", false, false, null, null),
            new SurfaceElement("POST /x", "request: kind", "string", true, true, "oneOf", new[] { "a", "b" }),
            new SurfaceElement("GET /y", "", "", false, false, null, null),
        };
        var folder = TestPaths.TempDirectory("surface");
        var path = Path.Combine(folder, "surface.json");

        new SpecSurface(elements, "abc").Write(path);
        var read = SpecSurface.Read(path);

        Assert.That(read.Sha256, Is.EqualTo("abc"));
        Assert.That(read.Elements.Select(Fields), Is.EqualTo(elements.Select(Fields)));
        Assert.That(read.Operations, Is.EqualTo(new[] { "POST /x", "GET /y" }));
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public void Read_AnEntryWhoseDescriptionIsNull_ReadsAsEmpty()
    {
        var folder = TestPaths.TempDirectory("surface");
        var path = Path.Combine(folder, "surface.json");
        File.WriteAllText(path, """{ "sha256": "abc", "operations": { "GET /y": { "operationId": null } } }""");

        var read = SpecSurface.Read(path);

        Assert.That(read.Elements.Single(), Is.EqualTo(new SurfaceElement("GET /y", "", "", false, false, null, null)));
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public void Render_WritesAnOperationAsItsOperationIdAloneAndAnUnknownHashAsEmpty()
    {
        var surface = new SpecSurface(new[]
        {
            new SurfaceElement("GET /x", "", "list", true, true, null, null),
            new SurfaceElement("GET /x", "request:", "object", true, true, null, null),
        });

        var text = surface.Render();

        Assert.That(text, Does.Contain("\n  \"sha256\": \"\",\n"));
        Assert.That(text, Does.EndWith("\n    \"GET /x\": {\n      \"operationId\": \"list\",\n      \"request:\": \"object, required, nullable\"\n    }\n  }\n}\n"));
    }

    [TestCase("[1]", "not a JSON object.")]
    [TestCase("{", "")]
    public void Read_ReportsAFileThatIsNotASurfaceAsALockError(string content, string reason)
    {
        var folder = TestPaths.TempDirectory("surface");
        var path = Path.Combine(folder, "surface.json");
        File.WriteAllText(path, content);

        var error = Assert.Throws<SpecToolException>(() => SpecSurface.Read(path))!;

        Assert.That(error.Code, Is.EqualTo(SpecToolException.Codes.Lock));
        Assert.That(error.Message, Does.StartWith($"The spec surface '{path}' cannot be read: ").And.EndWith(reason));
        Assert.That(error.InnerException, Is.InstanceOf<System.Text.Json.JsonException>());
        Directory.Delete(folder, recursive: true);
    }

    [Test]
    public void Read_ReportsAMissingFileAsALockError()
    {
        var folder = TestPaths.TempDirectory("surface");
        var path = Path.Combine(folder, "missing.json");

        var error = Assert.Throws<SpecToolException>(() => SpecSurface.Read(path))!;

        Assert.That(error.Code, Is.EqualTo(SpecToolException.Codes.Lock));
        Assert.That(error.InnerException, Is.InstanceOf<IOException>());
        Assert.That(error.Message, Does.StartWith($"The spec surface '{path}' cannot be read: "));
        Directory.Delete(folder, recursive: true);
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private static string Fields(SurfaceElement e) =>
        $"{e.Operation}|{e.Location}|{e.Type}|{e.Required}|{e.Nullable}|{e.Union ?? "-"}|{(e.Enum is null ? "-" : string.Join("/", e.Enum))}";
}
