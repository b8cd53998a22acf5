using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace Gemini.Generated.Tests.Client;

/// <summary>Callers can mock the client: a subclass overrides what it needs; every public method is virtual and cancellable.</summary>
public class MockabilityTests
{
    public static IEnumerable<Type> MockableTypes() => new[] { typeof(GeminiClient), typeof(ChatStream) };

    [Test]
    public async Task Subclass_WithTheProtectedConstructor_CanReplaceCompleteAsync()
    {
        var canned = new ChatCompletion
        {
            Choices = new List<ChatChoice> { new() { Index = 0, FinishReason = FinishReason.Stop, Message = new ChatCompletionMessage { Content = "canned" } } },
        };
        var mock = new CannedClient(canned);
        GeminiClient client = mock;

        var fromPrompt = await client.CompleteAsync("Hi");
        var fromRequest = await client.CompleteAsync(new ChatCompletionRequest(ChatMessage.User("Hello")));

        Assert.That(fromPrompt, Is.SameAs(canned));
        Assert.That(fromRequest, Is.SameAs(canned));
        Assert.That(fromPrompt.Text, Is.EqualTo("canned"));
        Assert.That(mock.Prompts, Is.EqualTo(new[] { "Hi", "Hello" }), "the string overload goes through the overridable one");
    }

    [TestCaseSource(nameof(MockableTypes))]
    public void PublicType_IsNotSealed(Type type)
    {
        Assert.That(type.IsSealed, Is.False);
        Assert.That(type.GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes), Is.Not.Null.And.Property("IsFamily").True,
            "a protected parameterless constructor for mocks");
    }

    [TestCaseSource(nameof(MockableTypes))]
    public void EveryPublicInstanceMethod_IsVirtual(Type type)
    {
        var notVirtual = PublicInstanceMethods(type)
            .Where(m => !m.IsVirtual || m.IsFinal)
            .Select(m => m.ToString())
            .ToArray();

        Assert.That(notVirtual, Is.Empty, $"public instance methods (property accessors included) of {type.Name} that a mock cannot override");
    }

    [TestCaseSource(nameof(MockableTypes))]
    public void EveryPublicAsyncMethod_EndsWithAnOptionalCancellationToken(Type type)
    {
        var asyncMethods = PublicInstanceMethods(type).Where(IsAsync).ToArray();
        Assert.That(asyncMethods, Is.Not.Empty);

        var wrong = asyncMethods
            .Where(m => m.GetParameters() is not { Length: > 0 } parameters
                || parameters[^1].ParameterType != typeof(CancellationToken)
                || !parameters[^1].HasDefaultValue)
            .Select(m => m.ToString())
            .ToArray();

        Assert.That(wrong, Is.Empty, $"async methods of {type.Name} whose last parameter is not 'CancellationToken cancellationToken = default'");
    }

    private static IEnumerable<MethodInfo> PublicInstanceMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.DeclaringType != typeof(object));

    private static bool IsAsync(MethodInfo method)
    {
        var returnType = method.ReturnType.IsGenericType ? method.ReturnType.GetGenericTypeDefinition() : method.ReturnType;
        return method.Name.EndsWith("Async", StringComparison.Ordinal)
            || returnType == typeof(Task) || returnType == typeof(Task<>)
            || returnType == typeof(ValueTask) || returnType == typeof(ValueTask<>)
            || returnType == typeof(IAsyncEnumerable<>) || returnType == typeof(IAsyncEnumerator<>);
    }

    private sealed class CannedClient : GeminiClient
    {
        private readonly ChatCompletion _completion;

        public CannedClient(ChatCompletion completion)
        {
            _completion = completion;
        }

        public List<string> Prompts { get; } = new();

        public override Task<ChatCompletion> CompleteAsync(ChatCompletionRequest request, ChatRequestOptions? options, CancellationToken cancellationToken = default)
        {
            Prompts.Add(request.Messages.OfType<UserMessage>().Single().Content.ToString());
            return Task.FromResult(_completion);
        }
    }
}
