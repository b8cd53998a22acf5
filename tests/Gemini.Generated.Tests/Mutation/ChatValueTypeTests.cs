using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json;

namespace Gemini.Generated.Tests.Mutation;

/// <summary>The chat value types on their own: stop sequences, finish reasons and roles, as values and as JSON.</summary>
public class ChatValueTypeTests
{
    private sealed class Holder
    {
        [JsonProperty("stop")]
        public StopSequences? Stop { get; set; }

        [JsonProperty("reason")]
        public FinishReason? Reason { get; set; }

        [JsonProperty("role")]
        public ChatRole Role { get; set; }
    }

    [Test]
    public void StopSequences_OneSequence_IsSingleAndWritesAString()
    {
        StopSequences stop = "END";

        Assert.That(stop.IsSingle, Is.True);
        Assert.That(stop, Is.EqualTo(new[] { "END" }));
        Assert.That(stop.Count, Is.EqualTo(1));
        Assert.That(stop.ToString(), Is.EqualTo("\"END\""));
        Assert.That(Write(new Holder { Stop = stop }), Does.StartWith("{\"stop\":\"END\""));
    }

    [Test]
    public void StopSequences_AnArray_KeepsItsOrderAndWritesAnArray()
    {
        StopSequences stop = new[] { "a", "b" };

        Assert.That(stop.IsSingle, Is.False);
        Assert.That(stop[1], Is.EqualTo("b"));
        Assert.That(stop.ToString(), Is.EqualTo("\"a\", \"b\""));
        Assert.That(Write(new Holder { Stop = stop }), Does.StartWith("{\"stop\":[\"a\",\"b\"]"));
        Assert.That(Write(new Holder { Stop = new StopSequences(new[] { "only" }) }), Does.StartWith("{\"stop\":[\"only\"]"), "a list of one stays a list");
        Assert.That(((System.Collections.IEnumerable)stop).Cast<string>(), Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void StopSequences_NullInput_IsRefusedOrStaysNull()
    {
        Assert.Throws<ArgumentNullException>(() => _ = new StopSequences((string)null!));
        Assert.Throws<ArgumentNullException>(() => _ = new StopSequences((IEnumerable<string>)null!));
        Assert.That(Assert.Throws<ArgumentNullException>(() => _ = new StopSequences(new[] { "a", null! }))!.Message, Does.Contain("A stop sequence is null."));
        StopSequences? fromNullString = (string?)null;
        StopSequences? fromNullArray = (string[]?)null;
        Assert.That(fromNullString, Is.Null);
        Assert.That(fromNullArray, Is.Null);
    }

    [Test]
    public void StopSequences_Read_TakesAStringAnArrayOrNullAndRefusesOtherTokens()
    {
        var single = Read("{\"stop\":\"x\"}").Stop!;
        Assert.That(single.IsSingle, Is.True);
        Assert.That(single, Is.EqualTo(new[] { "x" }));

        var many = Read("{\"stop\":[\"x\",\"y\"]}").Stop!;
        Assert.That(many.IsSingle, Is.False);
        Assert.That(many, Is.EqualTo(new[] { "x", "y" }));

        Assert.That(Read("{\"stop\":null}").Stop, Is.Null);
        var error = Assert.Throws<JsonSerializationException>(() => Read("{\"stop\":5}"))!;
        Assert.That(error.Message, Does.Contain("stop must be a string or an array of strings, found Integer."));
    }

    [Test]
    public void FinishReason_Values_CompareByOrdinalValue()
    {
        Assert.That(FinishReason.Stop.Value, Is.EqualTo("stop"));
        Assert.That(FinishReason.Length.Value, Is.EqualTo("length"));
        Assert.That(FinishReason.ContentFilter.Value, Is.EqualTo("content_filter"));
        Assert.That(FinishReason.ToolCalls.Value, Is.EqualTo("tool_calls"));
        Assert.That(FinishReason.FunctionCall.Value, Is.EqualTo("function_call"));
        Assert.That(new FinishReason("stop") == FinishReason.Stop, Is.True);
        Assert.That(new FinishReason("STOP") != FinishReason.Stop, Is.True);
        Assert.That(new FinishReason("stop") != FinishReason.Stop, Is.False);
        Assert.That(FinishReason.Stop.Equals((object)new FinishReason("stop")), Is.True);
        Assert.That(FinishReason.Stop.Equals((object)"stop"), Is.False);
        Assert.That(FinishReason.Stop.GetHashCode(), Is.EqualTo(new FinishReason("stop").GetHashCode()));
        Assert.That(default(FinishReason).Value, Is.Empty);
        Assert.That(default(FinishReason).ToString(), Is.Empty);
        Assert.That(((FinishReason)"MAX_TOKENS").ToString(), Is.EqualTo("MAX_TOKENS"));
        Assert.That((FinishReason)(string?)null, Is.EqualTo(default(FinishReason)));
        Assert.Throws<ArgumentNullException>(() => _ = new FinishReason(null!));
    }

    [TestCase("length", true)]
    [TestCase("max_tokens", true)]
    [TestCase("MAX_TOKENS", true)]
    [TestCase("LENGTH", false)]
    [TestCase("stop", false)]
    [TestCase("", false)]
    public void FinishReason_IsTokenLimit_ForLengthAndMaxTokensInAnyCase(string value, bool expected)
    {
        Assert.That(new FinishReason(value).IsTokenLimit, Is.EqualTo(expected));
    }

    [Test]
    public void ChatRole_Values_CompareByOrdinalValue()
    {
        Assert.That(new[] { ChatRole.System, ChatRole.Developer, ChatRole.User, ChatRole.Assistant, ChatRole.Tool }.Select(r => r.Value),
            Is.EqualTo(new[] { "system", "developer", "user", "assistant", "tool" }));
        Assert.That(new ChatRole("user") == ChatRole.User, Is.True);
        Assert.That(new ChatRole("User") != ChatRole.User, Is.True);
        Assert.That(new ChatRole("user") != ChatRole.User, Is.False);
        Assert.That(ChatRole.User.Equals((object)new ChatRole("user")), Is.True);
        Assert.That(ChatRole.User.Equals((object)"user"), Is.False);
        Assert.That(ChatRole.Tool.GetHashCode(), Is.EqualTo(new ChatRole("tool").GetHashCode()));
        Assert.That(default(ChatRole).ToString(), Is.Empty);
        Assert.That((ChatRole)(string?)null, Is.EqualTo(default(ChatRole)));
        Assert.That(((ChatRole)"critic").ToString(), Is.EqualTo("critic"));
        Assert.Throws<ArgumentNullException>(() => _ = new ChatRole(null!));
    }

    [Test]
    public void StringValues_Read_KeepStringsAndScalarsAndSkipWhatIsNotAValue()
    {
        Assert.That(Read("{\"reason\":\"MAX_TOKENS\",\"role\":\"critic\"}").Reason, Is.EqualTo(new FinishReason("MAX_TOKENS")));
        Assert.That(Read("{\"role\":\"critic\"}").Role, Is.EqualTo(new ChatRole("critic")));
        Assert.That(Read("{\"reason\":2}").Reason, Is.EqualTo(new FinishReason("2")));
        Assert.That(Read("{\"reason\":1.5}").Reason, Is.EqualTo(new FinishReason("1.5")));
        Assert.That(Read("{\"reason\":true}").Reason, Is.EqualTo(new FinishReason("True")));
        Assert.That(Read("{\"reason\":null,\"role\":null}").Reason, Is.Null);
        Assert.That(Read("{\"role\":null}").Role, Is.EqualTo(default(ChatRole)));

        var skipped = Read("{\"reason\":{\"a\":[1]},\"role\":[\"x\"],\"stop\":\"s\"}");
        Assert.That(skipped.Reason, Is.Null);
        Assert.That(skipped.Role, Is.EqualTo(default(ChatRole)));
        Assert.That(skipped.Stop, Is.EqualTo(new[] { "s" }), "reading goes on after a skipped value");
    }

    [Test]
    public void StringValues_Write_AsTheirValue()
    {
        Assert.That(Write(new Holder { Reason = FinishReason.Length, Role = ChatRole.Tool }), Is.EqualTo("{\"reason\":\"length\",\"role\":\"tool\"}"));
        Assert.That(Write(new Holder()), Is.EqualTo("{\"role\":\"\"}"), "nulls are left out; a role that was never set is empty");
    }

    private static string Write(Holder holder) => JsonConvert.SerializeObject(holder, GeminiJson.Settings);

    private static Holder Read(string json) => JsonConvert.DeserializeObject<Holder>(json, GeminiJson.Settings)!;
}
