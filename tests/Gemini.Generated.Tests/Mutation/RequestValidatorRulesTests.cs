using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Linq;
using Newtonsoft.Json;
using Range = System.ComponentModel.DataAnnotations.RangeAttribute;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>
/// The request checks on content parts a caller defines (a part type the SDK does not model, such as an audio part): which of a
/// part's properties the checks read, and the constraints the spec does not use yet (maximum lengths, minimum string lengths,
/// other patterns), with the messages they give. Each test has its own part type, so that it builds that type's rules itself.
/// </summary>
public class RequestValidatorRulesTests
{
    private const string Part = "messages[0].content[0]";

    private static void Validate(ChatContentPart part) =>
        RequestValidator.Validate(new ChatCompletionRequest(ChatMessage.User(part)) { Model = GeminiModels.Gemini25Flash });

    [Test]
    public void ThePropertiesRead_AreThoseWithAConstraintOrThatMayHoldModels()
    {
        var part = new ProbedPart();

        Validate(part);

        Assert.That(part.Read.OrderBy(n => n, StringComparer.Ordinal), Is.EqualTo(new[] { "bounded", "messages", "options" }));
    }

    [Test]
    public void AMaximumLength_AllowsUpToItAndNamesTheCountBeyondIt()
    {
        Assert.DoesNotThrow(() => Validate(new TaggedPart { Tags = null }));
        Assert.DoesNotThrow(() => Validate(new TaggedPart { Tags = new List<string> { "a", "b" } }));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Validate(new TaggedPart { Tags = new List<string> { "a", "b", "c" } }))!;

        Assert.That(error.ParamName, Is.EqualTo(Part + ".tags"));
        Assert.That(error.ActualValue, Is.EqualTo(3));
        Assert.That(error.Message, Does.StartWith(Part + ".tags has 3; allowed: at most 2."));
    }

    [Test]
    public void AMinimumLengthAboveOne_NamesTheCountOfANonEmptyList()
    {
        var error = Assert.Throws<ArgumentException>(() => Validate(new PairedPart { Pair = new List<string> { "a" } }))!;

        Assert.That(error.ParamName, Is.EqualTo(Part + ".pair"));
        Assert.That(error.Message, Does.StartWith(Part + ".pair has 1; allowed: at least 2."));
    }

    [Test]
    public void AStringLengthRange_AllowsItsBoundsAndDescribesTheRange()
    {
        Assert.DoesNotThrow(() => Validate(new CodedPart { Code = "ab" }));
        Assert.DoesNotThrow(() => Validate(new CodedPart { Code = "abcde" }));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Validate(new CodedPart { Code = "abcdef" }))!;

        Assert.That(error.ParamName, Is.EqualTo(Part + ".code"));
        Assert.That(error.Message, Does.StartWith(Part + ".code \"abcdef\" has 6 characters; allowed: 2 to 5 characters."));
    }

    [Test]
    public void AStringMinimumOfOne_SaysCharacterInTheSingular()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Validate(new WordPart { Word = string.Empty }))!;

        Assert.That(error.Message, Does.StartWith(Part + ".word \"\" has 0 characters; allowed: at least 1 character."));
    }

    [Test]
    public void AStringMinimumAboveOne_SaysCharactersInThePlural()
    {
        Assert.DoesNotThrow(() => Validate(new NamePart { Name = "abc" }));

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Validate(new NamePart { Name = "ab" }))!;

        Assert.That(error.Message, Does.StartWith(Part + ".name \"ab\" has 2 characters; allowed: at least 3 characters."));
    }

    [Test]
    public void APatternOtherThanTheNamePattern_IsDescribedAsThatPattern()
    {
        var error = Assert.Throws<ArgumentException>(() => Validate(new DigitsPart { Digits = "12a" }))!;

        Assert.That(error.ParamName, Is.EqualTo(Part + ".digits"));
        Assert.That(error.Message, Does.StartWith(Part + ".digits \"12a\" does not match ^[0-9]+$; allowed: a value matching that pattern."));
    }

    [TestCase("")]
    [TestCase("1a")]
    [TestCase("a1")]
    public void AnUnanchoredPattern_MustMatchTheWholeValue(string value)
    {
        Assert.DoesNotThrow(() => Validate(new CountedPart { Number = "12" }));

        var error = Assert.Throws<ArgumentException>(() => Validate(new CountedPart { Number = value }))!;

        Assert.That(error.Message, Does.StartWith(Part + ".number \"" + value + "\" does not match [0-9]+;"));
    }

    [Test]
    public void ObjectsOfTheCallersOwnTypesInAList_AreNotLookedInto()
    {
        var part = new CarryingPart { Things = new List<object> { new OwnRanged() } };

        Assert.DoesNotThrow(() => Validate(part));
    }

    [Test]
    public void AValueOutOfRangeWhoseTextIsNull_IsShownAsNull()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Validate(new LevelPart { Level = new NamelessNumber(42) }))!;

        Assert.That(error.Message, Does.StartWith(Part + ".level is null; allowed: 0 to 10."));
    }

    [Test]
    public void PartsNestedThirtyTwoLevelsDeep_AreRefusedNamingWhere()
    {
        Assert.DoesNotThrow(() => Validate(NestingPart.Levels(31)));

        var error = Assert.Throws<ArgumentException>(() => Validate(NestingPart.Levels(32)))!;

        var path = Part + string.Concat(Enumerable.Repeat(".inner[0]", 31));
        Assert.That(error.ParamName, Is.EqualTo(path));
        Assert.That(error.Message, Does.StartWith(path + " nests deeper than 32 levels."));
    }

    /// <summary>Records which of its properties are read; only <c>bounded</c> carries a constraint, and its value is valid.</summary>
    private sealed class ProbedPart : ChatContentPart
    {
        public List<string> Read { get; } = new();

        [JsonProperty("text")]
        public string? PlainText => Get<string>("text");

        [JsonProperty("count")]
        public int Count => Get<int>("count");

        [JsonProperty("table")]
        public Dictionary<string, ChatMessage>? Table => Get<Dictionary<string, ChatMessage>>("table");

        [JsonProperty("own")]
        public NotAModel? Own => Get<NotAModel>("own");

        [JsonProperty("options")]
        public ChatStreamOptions? Options => Get<ChatStreamOptions>("options");

        [JsonProperty("messages")]
        public List<ChatMessage>? Messages => Get<List<ChatMessage>>("messages");

        [JsonProperty("bounded")]
        [Range(0, 1)]
        public double Bounded => Get<double>("bounded");

        public string? Unnamed => Get<string>("unnamed");

        private T? Get<T>(string name)
        {
            Read.Add(name);
            return default;
        }
    }

    private sealed class NotAModel
    {
    }

    private sealed class TaggedPart : ChatContentPart
    {
        [JsonProperty("tags")]
        [MaxLength(2)]
        public List<string>? Tags { get; set; }
    }

    private sealed class PairedPart : ChatContentPart
    {
        [JsonProperty("pair")]
        [MinLength(2)]
        public List<string>? Pair { get; set; }
    }

    private sealed class CodedPart : ChatContentPart
    {
        [JsonProperty("code")]
        [StringLength(5, MinimumLength = 2)]
        public string? Code { get; set; }
    }

    private sealed class WordPart : ChatContentPart
    {
        [JsonProperty("word")]
        [StringLength(int.MaxValue, MinimumLength = 1)]
        public string? Word { get; set; }
    }

    private sealed class NamePart : ChatContentPart
    {
        [JsonProperty("name")]
        [StringLength(int.MaxValue, MinimumLength = 3)]
        public string? Name { get; set; }
    }

    private sealed class DigitsPart : ChatContentPart
    {
        [JsonProperty("digits")]
        [RegularExpression("^[0-9]+$")]
        public string? Digits { get; set; }
    }

    private sealed class CountedPart : ChatContentPart
    {
        [JsonProperty("number")]
        [RegularExpression("[0-9]+")]
        public string? Number { get; set; }
    }

    private sealed class CarryingPart : ChatContentPart
    {
        [JsonProperty("things")]
        public List<object>? Things { get; set; }
    }

    /// <summary>Not a model: its constraint is the caller's, and its value breaks it.</summary>
    private sealed class OwnRanged
    {
        [JsonProperty("level")]
        [Range(0, 1)]
        public int Level { get; set; } = 5;
    }

    private sealed class LevelPart : ChatContentPart
    {
        [JsonProperty("level")]
        [Range(0, 10)]
        public NamelessNumber? Level { get; set; }
    }

    private sealed class NestingPart : ChatContentPart
    {
        [JsonProperty("inner")]
        public ChatMessageContent? Inner { get; set; }

        /// <summary><paramref name="count"/> parts, each in the content of the one before.</summary>
        public static NestingPart Levels(int count)
        {
            var part = new NestingPart();
            for (var i = 1; i < count; i++)
            {
                part = new NestingPart { Inner = new ChatMessageContent(part) };
            }

            return part;
        }
    }

    /// <summary>A number whose text is null: converts to a double, but not to a string.</summary>
    private sealed class NamelessNumber : IConvertible
    {
        private readonly double _value;

        public NamelessNumber(double value)
        {
            _value = value;
        }

        public TypeCode GetTypeCode() => TypeCode.Object;

        public double ToDouble(IFormatProvider? provider) => _value;

        public string ToString(IFormatProvider? provider) => null!;

        public bool ToBoolean(IFormatProvider? provider) => throw new InvalidCastException();

        public byte ToByte(IFormatProvider? provider) => throw new InvalidCastException();

        public char ToChar(IFormatProvider? provider) => throw new InvalidCastException();

        public DateTime ToDateTime(IFormatProvider? provider) => throw new InvalidCastException();

        public decimal ToDecimal(IFormatProvider? provider) => throw new InvalidCastException();

        public short ToInt16(IFormatProvider? provider) => throw new InvalidCastException();

        public int ToInt32(IFormatProvider? provider) => throw new InvalidCastException();

        public long ToInt64(IFormatProvider? provider) => throw new InvalidCastException();

        public sbyte ToSByte(IFormatProvider? provider) => throw new InvalidCastException();

        public float ToSingle(IFormatProvider? provider) => throw new InvalidCastException();

        public object ToType(Type conversionType, IFormatProvider? provider) => throw new InvalidCastException();

        public ushort ToUInt16(IFormatProvider? provider) => throw new InvalidCastException();

        public uint ToUInt32(IFormatProvider? provider) => throw new InvalidCastException();

        public ulong ToUInt64(IFormatProvider? provider) => throw new InvalidCastException();
    }
}
