using System.Collections.Generic;
using Gemini.Generated.Tests.Support;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated.Tests.Mutation;

/// <summary><see cref="MergedFields"/> on its own: each merge rule, inside a delta (pieces) and where each chunk repeats a value.</summary>
public class MergedFieldsTests
{
    [Test]
    public void ApplyTo_WhenNothingOrOnlyEmptyFieldsWereAdded_ChangesNothing()
    {
        var fields = new MergedFields(pieces: true);
        fields.Add(null);
        fields.Add(new Dictionary<string, object>());

        var completion = Apply(fields);

        Assert.That(completion.AdditionalProperties, Is.Empty);
        Assert.That(completion.Id, Is.Null);
    }

    [Test]
    public void Strings_InADelta_ArePiecesThatConcatenate()
    {
        var fields = Merge(true, new { s = "a" }, new { s = "b" }, new { s = (string?)null }, new { s = "c" });

        Assert.That(Apply(fields).AdditionalProperties["s"], Is.EqualTo("abc"));
    }

    [Test]
    public void Strings_WhereEachChunkRepeatsThem_KeepTheLastNonNull()
    {
        var fields = Merge(false, new { s = "a" }, new { s = "b" }, new { s = (string?)null });

        Assert.That(Apply(fields).AdditionalProperties["s"], Is.EqualTo("b"));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Identifiers_KeepTheFirstNonEmptyValue(bool pieces)
    {
        var fields = Merge(pieces,
            new { type = (string?)null, format = "", x_id = "1" },
            new { type = "first", format = "f1", x_id = "2" },
            new { type = "second", format = "f2", x_id = "3" });

        var kept = Apply(fields).AdditionalProperties;
        Assert.That(kept["type"], Is.EqualTo("first"));
        Assert.That(kept["format"], Is.EqualTo("f1"));
        Assert.That(kept["x_id"], Is.EqualTo(pieces ? "123" : "3"), "only id, type, index and format are identifiers");
    }

    [Test]
    public void Id_InADelta_IsAnIdentifierNotAPiece()
    {
        var call = new ChatToolCall();
        var fields = Merge(true, new { id = "call_1" }, new { id = "call_2" });

        fields.ApplyTo(call);

        Assert.That(call.Id, Is.EqualTo("call_1"));
    }

    [Test]
    public void Null_IsKeptWhenNothingElseCameAndNeverReplacesAValue()
    {
        var fields = Merge(false, new { only_null = (string?)null, number = 1 }, new { only_null = (string?)null, number = (int?)null });

        var kept = Apply(fields).AdditionalProperties;
        Assert.That(kept.ContainsKey("only_null"), Is.True);
        Assert.That(kept["only_null"], Is.Null);
        Assert.That(kept["number"], Is.EqualTo(1L));
    }

    [Test]
    public void Objects_MergeFieldByField_AndAnObjectReplacesAnEarlierScalar()
    {
        var fields = Merge(true,
            new { o = (object)JObject.Parse("""{"a":"x","n":{"deep":"1"}}"""), p = (object)5 },
            new { o = (object)JObject.Parse("""{"b":2,"a":"y","n":{"deep":"2","more":true}}"""), p = (object)JObject.Parse("""{"k":"v"}""") });

        var kept = Apply(fields).AdditionalProperties;
        AssertJson(kept["o"], """{"a":"xy","n":{"deep":"12","more":true},"b":2}""");
        AssertJson(kept["p"], """{"k":"v"}""");
    }

    [Test]
    public void ArraysWithAnIndex_MergeByIndex_InADeltaAndElsewhere([Values] bool pieces)
    {
        var fields = Merge(pieces,
            new { a = (object)JArray.Parse("""[{"index":1,"t":"b"},{"index":0,"t":"a"}]""") },
            new { a = (object)JArray.Parse("""[{"index":0,"t":"c","u":1}]""") });

        AssertJson(Apply(fields).AdditionalProperties["a"], pieces ? """[{"index":1,"t":"b"},{"index":0,"t":"ac","u":1}]""" : """[{"index":1,"t":"b"},{"index":0,"t":"c","u":1}]""");
    }

    [Test]
    public void ArraysWithoutAnIndex_AreAddedInADelta_AndReplaceTheLastOneElsewhere()
    {
        object First() => JArray.Parse("""[{"t":"a"},"s"]""");
        object Second() => JArray.Parse("""[{"t":"b","index":"0"},{"index":0}]""");

        AssertJson(Apply(Merge(true, new { a = First() }, new { a = Second() })).AdditionalProperties["a"],
            """[{"t":"a"},"s",{"t":"b","index":"0"},{"index":0}]""");
        AssertJson(Apply(Merge(false, new { a = First() }, new { a = Second() })).AdditionalProperties["a"],
            """[{"t":"b","index":"0"},{"index":0}]""");
    }

    [Test]
    public void AnArrayAfterAScalar_ReplacesIt()
    {
        AssertJson(Apply(Merge(true, new { a = (object)"text" }, new { a = (object)JArray.Parse("""[{"index":0,"v":1}]""") })).AdditionalProperties["a"],
            """[{"index":0,"v":1}]""");
    }

    [Test]
    public void Scalars_OfEveryClrAndJsonType_AreKeptAsValues()
    {
        var fields = new MergedFields(pieces: false);
        fields.Add(new Dictionary<string, object>
        {
            ["b"] = true, ["l"] = 5L, ["i"] = 6, ["d"] = 1.5, ["m"] = 2.5m, ["f"] = 0.5f, ["s"] = "x",
            ["jv"] = new JValue(7), ["raw"] = new JConstructor("Date", 1), ["list"] = new List<int> { 1, 2 },
        });

        var kept = Apply(fields).AdditionalProperties;
        Assert.That(kept["b"], Is.EqualTo(true));
        Assert.That(kept["l"], Is.EqualTo(5L));
        Assert.That(kept["i"], Is.EqualTo(6L));
        Assert.That(kept["d"], Is.EqualTo(1.5));
        Assert.That(kept["m"], Is.EqualTo(2.5));
        Assert.That(kept["f"], Is.EqualTo(0.5));
        Assert.That(kept["s"], Is.EqualTo("x"));
        Assert.That(kept["jv"], Is.EqualTo(7L));
        Assert.That(kept["raw"], Is.EqualTo("new Date(1)"));
        AssertJson(kept["list"], "[1,2]");
    }

    [Test]
    public void ApplyTo_FillsTypedPropertiesAndKeepsAFieldThatDoesNotFitAsSent()
    {
        var fields = Merge(false, new { id = "c1", model = "m", created = (object)"not a number", extra = "e" });

        var completion = Apply(fields);

        Assert.That(completion.Id, Is.EqualTo("c1"));
        Assert.That(completion.Model, Is.EqualTo("m"));
        Assert.That(completion.Created, Is.Null);
        Assert.That(completion.AdditionalProperties["created"]?.ToString(), Is.EqualTo("not a number"));
        Assert.That(completion.AdditionalProperties["extra"], Is.EqualTo("e"));
        Assert.That(completion.AdditionalProperties.ContainsKey("id"), Is.False);
    }

    [Test]
    public void ApplyTo_WhenEveryFieldFits_FillsThemInOnePass()
    {
        var completion = Apply(Merge(false, new { id = "c1", created = 5 }));

        Assert.That(completion.Id, Is.EqualTo("c1"));
        Assert.That(completion.Created, Is.EqualTo(5));
        Assert.That(completion.AdditionalProperties, Is.Empty);
    }

    private static MergedFields Merge(bool pieces, params object[] chunks)
    {
        var fields = new MergedFields(pieces);
        foreach (var chunk in chunks)
        {
            var dictionary = new Dictionary<string, object>();
            foreach (var property in chunk.GetType().GetProperties())
            {
                dictionary[property.Name] = property.GetValue(chunk)!;
            }

            fields.Add(dictionary);
        }

        return fields;
    }

    private static ChatCompletion Apply(MergedFields fields)
    {
        var completion = new ChatCompletion();
        fields.ApplyTo(completion);
        return completion;
    }

    private static void AssertJson(object? actual, string expected)
    {
        var token = actual as JToken ?? JToken.FromObject(actual!);
        Assert.That(JToken.DeepEquals(token, JToken.Parse(expected)), Is.True, token.ToString(Newtonsoft.Json.Formatting.None));
    }
}
