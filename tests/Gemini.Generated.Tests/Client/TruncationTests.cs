using System.Threading.Tasks;
using Gemini.Generated.Testing;

namespace Gemini.Generated.Tests.Client;

/// <summary>
/// What a completion cut off by the token limit does, under each <see cref="TruncationBehavior"/>. The fake server spends the
/// reasoning tokens first and then the visible answer, up to the limit sent, like the service.
/// </summary>
public class TruncationTests : FakeServerTestBase
{
    private const int Limit = 100;

    /// <summary>Reasoning uses the whole limit: empty answer, finish_reason "length".</summary>
    private static FakeReply ReasoningExhausted() => FakeReply.Completion("Paris is the capital of France.").WithReasoningTokens(Limit + 50);

    /// <summary>Reasoning leaves room for three words: "Paris is the", finish_reason "length".</summary>
    private static FakeReply CutOffAfterThreeWords() => FakeReply.Completion("Paris is the capital of France.").WithReasoningTokens(Limit - 3);

    [Test]
    public async Task CompleteAsync_ByDefault_WhenTruncatedAndEmpty_ThrowsWithItsOwnReasoningMessage()
    {
        Server.Enqueue(ReasoningExhausted());
        var client = LimitedClient();
        Assert.That(client.TruncationBehavior, Is.EqualTo(TruncationBehavior.ThrowWhenEmpty));

        var error = await TruncationAsync(client);

        Assert.That(error.FinishReason, Is.EqualTo(FinishReason.Length));
        Assert.That(error.TokenLimit, Is.EqualTo(Limit));
        Assert.That(error.CompletionTokens, Is.EqualTo(Limit));
        Assert.That(error.ReasoningTokens, Is.EqualTo(Limit));
        Assert.That(error.ReasoningExhaustedBudget, Is.True);
        Assert.That(error.Completion.Text, Is.Empty);
        Assert.That(error.Message, Does.StartWith($"The answer is empty: the model spent {Limit} tokens reasoning"));
        Assert.That(error.Message, Does.Contain($"the limit of {Limit} tokens"));
        Assert.That(error.Message, Does.Contain("finish_reason \"length\""));
        Assert.That(error.Message, Does.Contain("MaxCompletionTokens"));
        Assert.That(error.Message, Does.Contain("DefaultMaxCompletionTokens"));
        Assert.That((int?)SingleRequest().Json!["max_completion_tokens"], Is.EqualTo(Limit));
        Assert.That(error.Message, Is.EqualTo(
            $"The answer is empty: the model spent {Limit} tokens reasoning ({Limit} completion tokens in all) and reached the limit of {Limit} tokens " +
            $"before writing any visible text (finish_reason \"length\"). Raise the limit: set MaxCompletionTokens on the request, or GeminiClientOptions.DefaultMaxCompletionTokens (the limit sent was {Limit})."));
    }

    [Test]
    public async Task CompleteAsync_ByDefault_WhenTruncatedButNotEmpty_ReturnsTheTruncatedCompletion()
    {
        Server.Enqueue(CutOffAfterThreeWords());

        var completion = await LimitedClient().CompleteAsync("Capital of France?");

        Assert.That(completion.Text, Is.EqualTo("Paris is the"));
        Assert.That(completion.IsTruncated, Is.True);
        Assert.That(completion.FinishReason, Is.EqualTo(FinishReason.Length));
        Assert.That(completion.TokenLimit, Is.EqualTo(Limit));
    }

    [Test]
    public async Task CompleteAsync_ByDefault_WhenTruncatedWithToolCallsButNoText_ReturnsTheToolCalls()
    {
        Server.Enqueue(FakeReply.ToolCall("get_weather", """{"city":"Paris"}""", "call_1").WithFinishReason("length"));

        var completion = await LimitedClient().CompleteAsync("Weather in Paris?");

        Assert.That(completion.IsTruncated, Is.True);
        Assert.That(completion.Text, Is.Empty);
        Assert.That(completion.FirstChoice!.Message!.ToolCalls, Has.Count.EqualTo(1));
        Assert.That(completion.FirstChoice.Message.ToolCalls![0].Id, Is.EqualTo("call_1"));
    }

    [Test]
    public async Task CompleteAsync_WhenTheLimitIsEmptyWithoutReasoning_ThrowsTheEmptyAnswerMessage()
    {
        Server.Enqueue(FakeReply.Completion(string.Empty).WithFinishReason("length").WithUsage(5, Limit, reasoningTokens: 0));

        var error = await TruncationAsync(LimitedClient());

        Assert.That(error.ReasoningExhaustedBudget, Is.False);
        Assert.That(error.ReasoningTokens, Is.Zero);
        Assert.That(error.Message, Does.StartWith($"The answer is empty: the model reached the limit of {Limit} tokens"));
        Assert.That(error.Message, Does.Not.Contain("reasoning"));
        Assert.That(error.Message, Does.Contain("MaxCompletionTokens"));
        Assert.That(error.Message, Is.EqualTo(
            $"The answer is empty: the model reached the limit of {Limit} tokens before writing any visible text (finish_reason \"length\"). Raise the limit: set MaxCompletionTokens on the request, or GeminiClientOptions.DefaultMaxCompletionTokens (the limit sent was {Limit})."));
    }

    [Test]
    public async Task CompleteAsync_WhenThrow_WhenTruncatedButNotEmpty_ThrowsWithTheCutOffMessage()
    {
        Server.Enqueue(CutOffAfterThreeWords());

        var error = await TruncationAsync(LimitedClient(TruncationBehavior.Throw));

        Assert.That(error.Completion.Text, Is.EqualTo("Paris is the"));
        Assert.That(error.FinishReason, Is.EqualTo(FinishReason.Length));
        Assert.That(error.TokenLimit, Is.EqualTo(Limit));
        Assert.That(error.CompletionTokens, Is.EqualTo(Limit));
        Assert.That(error.ReasoningTokens, Is.EqualTo(Limit - 3));
        Assert.That(error.ReasoningExhaustedBudget, Is.False);
        Assert.That(error.Message, Does.StartWith($"The answer was cut off at the limit of {Limit} tokens"));
        Assert.That(error.Message, Does.Contain($"{Limit - 3} of them reasoning"));
        Assert.That(error.Message, Does.Contain("MaxCompletionTokens"));
        Assert.That(error.Message, Is.EqualTo(
            $"The answer was cut off at the limit of {Limit} tokens (finish_reason \"length\", {Limit} completion tokens, {Limit - 3} of them reasoning). Raise the limit: set MaxCompletionTokens on the request, or GeminiClientOptions.DefaultMaxCompletionTokens (the limit sent was {Limit})."));
    }

    [Test]
    public async Task CompleteAsync_WhenThrow_WhenNotTruncated_Returns()
    {
        Server.Enqueue(FakeReply.Completion("Paris.").WithReasoningTokens(10));

        var completion = await LimitedClient(TruncationBehavior.Throw).CompleteAsync("Capital of France?");

        Assert.That(completion.IsTruncated, Is.False);
        Assert.That(completion.Text, Is.EqualTo("Paris."));
    }

    [Test]
    public async Task CompleteAsync_WhenIgnore_WhenTruncatedAndEmpty_ReturnsTheEmptyCompletion()
    {
        Server.Enqueue(ReasoningExhausted());

        var completion = await LimitedClient(TruncationBehavior.Ignore).CompleteAsync("Capital of France?");

        Assert.That(completion.Text, Is.Empty);
        Assert.That(completion.IsTruncated, Is.True);
        Assert.That(completion.ReasoningTokens, Is.EqualTo(Limit));
    }

    [Test]
    public async Task CompleteAsync_WhenIgnore_WhenTruncatedButNotEmpty_Returns()
    {
        Server.Enqueue(CutOffAfterThreeWords());

        var completion = await LimitedClient(TruncationBehavior.Ignore).CompleteAsync("Capital of France?");

        Assert.That(completion.Text, Is.EqualTo("Paris is the"));
        Assert.That(completion.IsTruncated, Is.True);
    }

    [Test]
    public async Task CompleteAsync_WhenTheCallOverridesWithThrow_ThrowsForANonEmptyTruncation()
    {
        Server.Enqueue(CutOffAfterThreeWords());
        var client = LimitedClient(TruncationBehavior.Ignore);

        var error = await TruncationAsync(client, new ChatRequestOptions { TruncationBehavior = TruncationBehavior.Throw });

        Assert.That(error.Completion.Text, Is.EqualTo("Paris is the"));
    }

    [Test]
    public async Task CompleteAsync_WhenTheCallOverridesWithIgnore_ReturnsAnEmptyTruncation()
    {
        Server.Enqueue(ReasoningExhausted());
        var client = LimitedClient(TruncationBehavior.Throw);

        var completion = await client.CompleteAsync(
            new ChatCompletionRequest(ChatMessage.User("Capital of France?")), new ChatRequestOptions { TruncationBehavior = TruncationBehavior.Ignore });

        Assert.That(completion.IsTruncated, Is.True);
        Assert.That(completion.Text, Is.Empty);
    }

    [Test]
    public async Task CompleteAsync_WhenTheRequestSetsMaxTokens_TheExceptionCarriesThatLimit()
    {
        Server.Enqueue(FakeReply.Completion("Paris.").WithReasoningTokens(80));
        var client = CreateClient();

        var error = await TruncationAsync(client, request: new ChatCompletionRequest(ChatMessage.User("Capital of France?")) { MaxTokens = 40 });

        Assert.That(error.TokenLimit, Is.EqualTo(40));
        Assert.That(error.ReasoningTokens, Is.EqualTo(40));
        Assert.That(error.Message, Does.Contain("the limit of 40 tokens"));
        Assert.That(error.Message, Does.Contain("(the limit sent was 40)"));
    }

    [Test]
    public async Task EnsureNotTruncated_WhenTruncated_ThrowsWithTheCompletionsNumbers()
    {
        Server.Enqueue(CutOffAfterThreeWords());
        var completion = await LimitedClient().CompleteAsync("Capital of France?");

        var error = Assert.Throws<GeminiTruncationException>(() => completion.EnsureNotTruncated())!;

        Assert.That(error.Completion, Is.SameAs(completion));
        Assert.That(error.TokenLimit, Is.EqualTo(Limit));
        Assert.That(error.ReasoningTokens, Is.EqualTo(Limit - 3));
        Assert.That(error.FinishReason, Is.EqualTo(FinishReason.Length));
    }

    [Test]
    public async Task EnsureNotTruncated_WhenNotTruncated_ReturnsTheSameCompletion()
    {
        Server.Enqueue(FakeReply.Completion("Paris."));
        var completion = await LimitedClient().CompleteAsync("Capital of France?");

        Assert.That(completion.EnsureNotTruncated(), Is.SameAs(completion));
    }

    [Test]
    public async Task CompleteAsync_ByDefault_WhenEmptyWithMaxTokensFinishReason_ThrowsTruncation()
    {
        Server.Enqueue(FakeReply.Completion(string.Empty).WithFinishReason("MAX_TOKENS").WithUsage(5, Limit, reasoningTokens: Limit));

        var error = await TruncationAsync(LimitedClient());

        Assert.That(error.FinishReason.Value, Is.EqualTo("MAX_TOKENS"));
        Assert.That(error.Message, Does.Contain("finish_reason \"MAX_TOKENS\""));
    }

    [Test]
    public void Constructor_WhenTheTruncationBehaviorIsUnknown_ThrowsArgumentOutOfRange()
    {
        var error = Assert.Throws<System.ArgumentOutOfRangeException>(() => CreateClient(o => o.TruncationBehavior = (TruncationBehavior)42))!;

        Assert.That(error.ParamName, Is.EqualTo("TruncationBehavior"));
    }

    private GeminiClient LimitedClient(TruncationBehavior? behavior = null) =>
        CreateClient(o =>
        {
            o.DefaultMaxCompletionTokens = Limit;
            if (behavior is { } b)
            {
                o.TruncationBehavior = b;
            }
        });

    private static async Task<GeminiTruncationException> TruncationAsync(GeminiClient client, ChatRequestOptions? options = null, ChatCompletionRequest? request = null)
    {
        try
        {
            await client.CompleteAsync(request ?? new ChatCompletionRequest(ChatMessage.User("Capital of France?")), options);
        }
        catch (GeminiTruncationException ex)
        {
            return ex;
        }

        Assert.Fail("CompleteAsync did not throw GeminiTruncationException");
        throw new System.InvalidOperationException("unreachable");
    }
}
