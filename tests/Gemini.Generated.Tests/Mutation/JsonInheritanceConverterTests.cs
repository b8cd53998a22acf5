using Newtonsoft.Json;
using Newtonsoft.Json.Converters;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>
/// The converter behind every union (messages, content parts, response formats) on cases the spec's unions do not reach yet:
/// a subtype read on its own, a subtype the SDK does not know, a property with its own converter, and null.
/// </summary>
public class JsonInheritanceConverterTests
{
    [Test]
    public void Read_ASubtypeAskedForByName_NeedsNoTag()
    {
        var part = JsonConvert.DeserializeObject<TextContentPart>("""{"text":"hi"}""", GeminiJson.Settings)!;

        Assert.That(part.Text, Is.EqualTo("hi"));
        Assert.That(part.AdditionalProperties, Is.Empty, "no tag is invented");
    }

    [Test]
    public void Read_Null_IsNull()
    {
        Assert.That(JsonConvert.DeserializeObject<ChatContentPart>("null", GeminiJson.Settings), Is.Null);
        Assert.That(JsonConvert.DeserializeObject<ChatMessage[]>("[null]", GeminiJson.Settings), Is.EqualTo(new ChatMessage?[] { null }));
    }

    [Test]
    public void Write_ASubtypeTheUnionDoesNotList_IsRefusedNamingItAndTheTag()
    {
        Assert.That(() => JsonConvert.SerializeObject(new HomemadePart(), GeminiJson.Settings),
            Throws.TypeOf<JsonSerializationException>().With.Message.EqualTo("HomemadePart has no 'type' value."));
    }

    [Test]
    public void Write_APropertyWithItsOwnConverter_GoesThroughIt()
    {
        var shape = new Square { Side = 2, Colour = Colour.DeepBlue };

        Assert.That(JsonConvert.SerializeObject(shape, GeminiJson.Settings), Is.EqualTo("""{"kind":"square","side":2,"colour":"DeepBlue"}"""));
        Assert.That(JsonConvert.SerializeObject(new Square { Side = 1 }, GeminiJson.Settings), Is.EqualTo("""{"kind":"square","side":1}"""),
            "a null property marked to be ignored is left out");
    }

    [Test]
    public void Read_ATagTheUnionDoesNotListWithoutAFallback_IsRefusedNamingTheTagsItKnows()
    {
        Assert.That(() => JsonConvert.DeserializeObject<Shape>("""{"kind":"circle"}""", GeminiJson.Settings),
            Throws.TypeOf<JsonSerializationException>().With.Message.EqualTo("Cannot read Shape: 'kind' is 'circle'; expected one of square."));
        Assert.That(() => JsonConvert.DeserializeObject<Shape>("""{"kind":7}""", GeminiJson.Settings),
            Throws.TypeOf<JsonSerializationException>().With.Message.EqualTo("Cannot read Shape: 'kind' is missing; expected one of square."));
    }

    private sealed class HomemadePart : ChatContentPart
    {
    }

    public enum Colour
    {
        Red,
        DeepBlue,
    }

    [JsonConverter(typeof(JsonInheritanceConverter), "kind")]
    [JsonInheritance("square", typeof(Square))]
    public abstract class Shape
    {
    }

    public sealed class Square : Shape
    {
        [JsonProperty("side")]
        public int Side { get; set; }

        [JsonProperty("colour", NullValueHandling = NullValueHandling.Ignore)]
        [JsonConverter(typeof(StringEnumConverter))]
        public Colour? Colour { get; set; }
    }
}
