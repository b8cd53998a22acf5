using System;
using Gemini.Generated;
using Microsoft.Extensions.AI;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Gemini.Generated <see cref="IChatClient"/>.</summary>
public static class GeminiChatClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers an <see cref="IChatClient"/> over the <see cref="GeminiClient"/> in the container (register that one with
    /// <c>services.AddGeminiClient(...)</c> from Gemini.Generated.Extensions.DependencyInjection). Returns the builder, to add
    /// function invocation, OpenTelemetry, logging or caching: <c>.UseFunctionInvocation().UseOpenTelemetry()</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="defaultModelId">The model when <see cref="ChatOptions.ModelId"/> is not set; by default the client's.</param>
    /// <param name="lifetime">The chat client's lifetime. Default singleton, like the <see cref="GeminiClient"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static ChatClientBuilder AddGeminiChatClient(this IServiceCollection services, string? defaultModelId = null, ServiceLifetime lifetime = ServiceLifetime.Singleton)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        return services.AddChatClient(
            provider => (provider.GetService(typeof(GeminiClient)) as GeminiClient ?? throw new InvalidOperationException(
                "No GeminiClient is registered: call services.AddGeminiClient(...) (package Gemini.Generated.Extensions.DependencyInjection) " +
                "before resolving the IChatClient, or register a GeminiClient yourself.")).AsIChatClient(defaultModelId),
            lifetime);
    }
}
