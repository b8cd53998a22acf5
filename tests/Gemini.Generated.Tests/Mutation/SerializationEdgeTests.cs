using System.Collections.Generic;
using System.IO;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>
/// The SDK's JSON plumbing on cases the spec's types do not reach: a message content given twice or as an object, a union with
/// per-property null handling and conditional properties, a concrete type the union does not list, a fallback declared on a base,
/// and a value the System.Text.Json converter cannot write.
/// </summary>
public class SerializationEdgeTests
{
    [Test]
    public void AResolverOfItsOwn_ReadsContentPartsIntoTextAndParts()
    {
        var settings = new JsonSerializerSettings { ContractResolver = new GeminiContractResolver() };

        var message = JsonConvert.DeserializeObject<ChatCompletionMessage>(
            """{"role":"assistant","content":[{"type":"text","text":"Hel"},{"type":"text","text":"lo"}]}""", settings)!;

        Assert.That(message.Content, Is.EqualTo("Hello"));
        Assert.That(message.ContentParts, Has.Count.EqualTo(2));
    }

    [Test]
    public void AContentGivenAsPartsThenAsText_KeepsOnlyTheText()
    {
        var message = JsonConvert.DeserializeObject<ChatCompletionMessage>(
            """{"role":"assistant","content":[{"type":"text","text":"first"}],"content":"second"}""", GeminiJson.Settings)!;

        Assert.That(message.Content, Is.EqualTo("second"));
        Assert.That(message.ContentParts, Is.Null);
    }

    [Test]
    public void AContentThatIsAnObject_IsRefusedNamingWhatWasFound()
    {
        Assert.That(() => JsonConvert.DeserializeObject<ChatCompletionMessage>("""{"role":"assistant","content":{"a":1}}""", GeminiJson.Settings),
            Throws.TypeOf<JsonSerializationException>().With.Message.EqualTo("Message content must be a string or an array of parts, found Object."));
    }

    [Test]
    public void Write_KeepsANullThePropertyAsksForAndLeavesOutWhatItsShouldSerializeRefuses()
    {
        Assert.That(JsonConvert.SerializeObject(new Dot { X = 1 }, GeminiJson.Settings), Is.EqualTo("""{"kind":"dot","x":1,"note":null}"""));
        Assert.That(JsonConvert.SerializeObject(new Dot { X = 1, Hidden = 2 }, GeminiJson.Settings), Is.EqualTo("""{"kind":"dot","x":1,"note":null,"hidden":2}"""));
    }

    [Test]
    public void Read_AnUnknownTag_NamesEveryTagTheUnionKnows()
    {
        Assert.That(() => JsonConvert.DeserializeObject<Figure>("""{"kind":"circle"}""", GeminiJson.Settings),
            Throws.TypeOf<JsonSerializationException>().With.Message.EqualTo("Cannot read Figure: 'kind' is 'circle'; expected one of dot, line."));
    }

    [Test]
    public void Read_AConcreteTypeTheUnionDoesNotList_IsRefused()
    {
        Assert.That(() => JsonConvert.DeserializeObject<Sketch>("""{"kind":"circle"}""", GeminiJson.Settings),
            Throws.TypeOf<JsonSerializationException>().With.Message.EqualTo("Cannot read Sketch: 'kind' is 'circle'; expected one of dot, line."));
    }

    [Test]
    public void Read_TheTag_IsNotKeptAsAnExtraField()
    {
        var line = (Line)JsonConvert.DeserializeObject<Figure>("""{"kind":"line","width":3}""", GeminiJson.Settings)!;

        Assert.That(line.Extra.Keys, Is.EqualTo(new[] { "width" }));
    }

    [Test]
    public void Read_AnUnknownTagOfASubUnion_UsesTheFallbackDeclaredOnItsBase()
    {
        var odd = JsonConvert.DeserializeObject<Family>("""{"kind":"blob"}""", GeminiJson.Settings);

        Assert.That(odd, Is.TypeOf<OddFigure>().With.Property(nameof(OddFigure.Tag)).EqualTo("blob"));
    }

    [Test]
    public void TheSystemTextJsonConverter_RefusesAnyOtherValueNamingItsType()
    {
        using var writer = new JsonTextWriter(new StringWriter());

        Assert.That(() => SystemTextJsonConverter.Instance.WriteJson(writer, 42, JsonSerializer.CreateDefault()),
            Throws.TypeOf<JsonSerializationException>().With.Message.EqualTo("System.Int32 is not a System.Text.Json value."));
    }

    [JsonConverter(typeof(JsonInheritanceConverter), "kind")]
    [JsonInheritance("dot", typeof(Dot))]
    [JsonInheritance("line", typeof(Line))]
    public abstract class Figure
    {
    }

    public sealed class Dot : Figure
    {
        [JsonProperty("x")]
        public int X { get; set; }

        [JsonProperty("label")]
        public string? Label { get; set; }

        [JsonProperty("note", NullValueHandling = NullValueHandling.Include)]
        public string? Note { get; set; }

        [JsonProperty("hidden")]
        public int Hidden { get; set; }

        public bool ShouldSerializeHidden() => Hidden != 0;
    }

    public sealed class Line : Figure
    {
        [JsonExtensionData]
        public IDictionary<string, JToken> Extra { get; } = new Dictionary<string, JToken>();
    }

    public class Sketch : Figure
    {
    }

    [JsonConverter(typeof(JsonInheritanceConverter), "kind")]
    [JsonInheritance("dot", typeof(Dot))]
    [JsonInheritanceFallback(typeof(OddFigure))]
    public abstract class Drawing
    {
    }

    public abstract class Family : Drawing
    {
    }

    public sealed class OddFigure : Family, IOpenSubtype
    {
        public OddFigure(string tag) => Tag = tag;

        public string Tag { get; }
    }
}
