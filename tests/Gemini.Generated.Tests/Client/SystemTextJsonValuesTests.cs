using System.Text.Json;
using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;
using JsonConvert = Newtonsoft.Json.JsonConvert;
using JsonSerializer = Newtonsoft.Json.JsonSerializer;

namespace Gemini.Generated.Tests.Client;

/// <summary>
/// System.Text.Json values a request or a user's own type carries (a schema as <see cref="JsonNode"/>, a
/// <see cref="JsonElement"/> or a <see cref="JsonDocument"/>) are written as the JSON they hold, to text and to tokens, and
/// read back, null included.
/// </summary>
public class SystemTextJsonValuesTests
{
    private const string Json = """{"node":{"a":[1,2.50,"x"]},"element":{"b":true},"maybe":[null],"document":{"c":1E+2}}""";

    [Test]
    public void Values_AreWrittenAsTheJsonTheyHold()
    {
        var holder = new Holder
        {
            Node = JsonNode.Parse("""{"a":[1,2.50,"x"]}"""),
            Element = JsonDocument.Parse("""{"b":true}""").RootElement,
            Maybe = JsonDocument.Parse("[null]").RootElement,
            Document = JsonDocument.Parse("""{"c":1E+2}"""),
        };

        Assert.That(JsonConvert.SerializeObject(holder, GeminiJson.Settings), Is.EqualTo(Json), "to text: the raw JSON, as written");
        Assert.That(JObject.FromObject(holder, JsonSerializer.Create(GeminiJson.Settings)).ToString(Newtonsoft.Json.Formatting.None),
            Is.EqualTo("""{"node":{"a":[1,2.50,"x"]},"element":{"b":true},"maybe":[null],"document":{"c":100.0}}"""),
            "to tokens: the same values, numbers as decimals");
    }

    [Test]
    public void AnElementWithNoValue_IsWrittenAsNull()
    {
        Assert.That(JsonConvert.SerializeObject(new Holder(), GeminiJson.Settings), Is.EqualTo("""{"element":null}"""));
    }

    [Test]
    public void Values_AreReadBackAsTheirOwnType()
    {
        var back = JsonConvert.DeserializeObject<Holder>(Json, GeminiJson.Settings)!;

        Assert.That(back.Node!.ToJsonString(), Is.EqualTo("""{"a":[1,2.5,"x"]}"""));
        Assert.That(back.Element.GetRawText(), Is.EqualTo("""{"b":true}"""));
        Assert.That(back.Maybe!.Value.GetRawText(), Is.EqualTo("[null]"));
        Assert.That(back.Document!.RootElement.GetRawText(), Is.EqualTo("""{"c":100.0}"""));
    }

    [Test]
    public void Nulls_AreReadAsNullOrAnElementWithNoValue()
    {
        var nulls = JsonConvert.DeserializeObject<Holder>("""{"node":null,"element":null,"maybe":null,"document":null}""", GeminiJson.Settings)!;

        Assert.That(nulls.Node, Is.Null);
        Assert.That(nulls.Element.ValueKind, Is.EqualTo(JsonValueKind.Undefined));
        Assert.That(nulls.Maybe, Is.Null);
        Assert.That(nulls.Document, Is.Null);
    }

    private sealed class Holder
    {
        [Newtonsoft.Json.JsonProperty("node")]
        public JsonNode? Node { get; set; }

        [Newtonsoft.Json.JsonProperty("element")]
        public JsonElement Element { get; set; }

        [Newtonsoft.Json.JsonProperty("maybe")]
        public JsonElement? Maybe { get; set; }

        [Newtonsoft.Json.JsonProperty("document")]
        public JsonDocument? Document { get; set; }
    }
}
