using System;
using System.Collections;
using System.Collections.Generic;
using System.Threading.Tasks;
using Gemini.Generated.Tests.Support;

namespace Gemini.Generated.Tests.Reliability;

/// <summary>
/// The request checks on the edges <see cref="ValidationTests"/> does not reach: the bounds themselves are allowed, content
/// parts and lists of any kind are looked into, the path names the exact item, and long values are shortened in the message.
/// </summary>
public class ValidationShapesTests : FakeServerTestBase
{
    public static IEnumerable<TestCaseData> ValuesOnTheBounds()
    {
        TestCaseData Case(string name, Action<ChatCompletionRequest> set) => new TestCaseData(set).SetArgDisplayNames(name);

        yield return Case("temperature 0", r => r.Temperature = 0);
        yield return Case("temperature 2", r => r.Temperature = 2);
        yield return Case("top_p 0.01", r => r.TopP = 0.01);
        yield return Case("top_p 1", r => r.TopP = 1);
        yield return Case("frequency_penalty -2", r => r.FrequencyPenalty = -2);
        yield return Case("presence_penalty 2", r => r.PresencePenalty = 2);
        yield return Case("n 1", r => r.N = 1);
        yield return Case("max_completion_tokens 1", r => r.MaxCompletionTokens = 1);
        yield return Case("seed 1", r => r.Seed = 1);
        yield return Case("json_schema name of 64 characters", r => r.ResponseFormat = new JsonSchemaResponseFormat { JsonSchema = new JsonSchemaDefinition { Name = new string('n', 64) } });
        yield return Case("json_schema name of 1 character", r => r.ResponseFormat = new JsonSchemaResponseFormat { JsonSchema = new JsonSchemaDefinition { Name = "n" } });
        yield return Case("tool name of 64 characters", r => r.Tools = new List<ChatTool> { Tool(new string('t', 64)) });
    }

    [TestCaseSource(nameof(ValuesOnTheBounds))]
    public async Task ARequestOnABound_IsSent(Action<ChatCompletionRequest> set)
    {
        var request = Harness.Hello();
        set(request);

        await CreateClient().CompleteAsync(request);

        Assert.That(Server.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void AContentPart_IsCheckedAtItsOwnIndex()
    {
        var request = Harness.Hello();
        request.Messages.Add(ChatMessage.User(ChatContentPart.Text("ok"), new TextContentPart(), ChatContentPart.Text("ok")));
        request.Messages.Add(ChatMessage.User(ChatContentPart.Text("ok"), new ImageContentPart()));

        AssertRefused(request, "messages[1].content[1].text", "messages[1].content[1].text is required but is null.");

        request.Messages[1] = ChatMessage.User("fixed");
        AssertRefused(request, "messages[2].content[1].image_url.url", "messages[2].content[1].image_url.url is required but is null.");
    }

    [Test]
    public void AListThatIsOnlyAGenericList_IsCheckedItemByItem()
    {
        var request = Harness.Hello();
        request.Tools = new GenericOnlyList<ChatTool>(Tool("fine"), Tool("not fine"));

        AssertRefused(request, "tools[1].function.name", "tools[1].function.name \"not fine\" does not match");
    }

    [Test]
    public void NoMessages_IsRefusedAsRequired()
    {
        var request = Harness.Hello();
        request.Messages = null!;

        AssertRefused(request, "messages", "messages is required but is null.");
    }

    [TestCase(40, "\"" + "tttttttttttttttttttttttttttttttttttttt t\" does not match")]
    [TestCase(41, "\"" + "ttttttttttttttttttttttttttttttttttttttt ...\" does not match")]
    public void ALongValue_IsQuotedUpTo40Characters(int length, string quoted)
    {
        var request = Harness.Hello();
        request.Tools = new List<ChatTool> { Tool(new string('t', length - 2) + " t") };

        AssertRefused(request, "tools[0].function.name", quoted);
    }

    private void AssertRefused(ChatCompletionRequest request, string path, string message)
    {
        var error = Assert.CatchAsync<ArgumentException>(() => CreateClient().CompleteAsync(request))!;

        Assert.That(error.ParamName, Is.EqualTo(path));
        Assert.That(error.Message, Does.StartWith(path).And.Contain(message));
        Assert.That(Server.Requests, Is.Empty);
    }

    private static ChatTool Tool(string name) => new() { Function = new FunctionDefinition { Name = name } };

    /// <summary>An <see cref="IList{T}"/> that is not an <see cref="IList"/>, as a user's own collection may be.</summary>
    private sealed class GenericOnlyList<T> : IList<T>
    {
        private readonly List<T> _items;

        public GenericOnlyList(params T[] items) => _items = new List<T>(items);

        public int Count => _items.Count;

        public bool IsReadOnly => false;

        public T this[int index] { get => _items[index]; set => _items[index] = value; }

        public int IndexOf(T item) => _items.IndexOf(item);

        public void Insert(int index, T item) => _items.Insert(index, item);

        public void RemoveAt(int index) => _items.RemoveAt(index);

        public void Add(T item) => _items.Add(item);

        public void Clear() => _items.Clear();

        public bool Contains(T item) => _items.Contains(item);

        public void CopyTo(T[] array, int arrayIndex) => _items.CopyTo(array, arrayIndex);

        public bool Remove(T item) => _items.Remove(item);

        public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
