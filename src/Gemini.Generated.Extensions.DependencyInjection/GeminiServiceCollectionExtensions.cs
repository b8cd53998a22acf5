using System;
using System.Threading;
using Gemini.Generated;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="GeminiClient"/>: one per container, on <see cref="System.Net.Http.IHttpClientFactory"/>.</summary>
public static class GeminiServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="System.Net.Http.HttpClient"/> the client sends with, for <c>services.ConfigureHttpClientDefaults</c> and the like.</summary>
    public const string HttpClientName = "Gemini.Generated";

    /// <summary>
    /// Registers a singleton <see cref="GeminiClient"/> with options bound from <paramref name="configuration"/> (a section such as
    /// <c>"Gemini"</c> with <c>ApiKey</c>, <c>BaseUrl</c>, <c>DefaultMaxCompletionTokens</c>, <c>RetryPolicy:MaxRetries</c>, ...) and
    /// validated when the host starts, with a message naming the setting.
    /// </summary>
    /// <returns>The builder of the client's HttpClient: add handlers (for example a resilience handler, with <see cref="RetryPolicy.None"/>).</returns>
    public static IHttpClientBuilder AddGeminiClient(this IServiceCollection services, IConfiguration configuration) =>
        AddGeminiClient(services, configuration ?? throw new ArgumentNullException(nameof(configuration)), null);

    /// <summary>Registers a singleton <see cref="GeminiClient"/> with options set in code; see <see cref="AddGeminiClient(IServiceCollection, IConfiguration)"/>.</summary>
    public static IHttpClientBuilder AddGeminiClient(this IServiceCollection services, Action<GeminiClientOptions> configure) =>
        AddGeminiClient(services, null, configure ?? throw new ArgumentNullException(nameof(configure)));

    /// <summary>
    /// Registers a singleton <see cref="GeminiClient"/> with options bound from <paramref name="configuration"/>, then changed by
    /// <paramref name="configure"/> (either may be null); see <see cref="AddGeminiClient(IServiceCollection, IConfiguration)"/>.
    /// </summary>
    public static IHttpClientBuilder AddGeminiClient(this IServiceCollection services, IConfiguration? configuration, Action<GeminiClientOptions>? configure)
    {
        if (services is null)
        {
            throw new ArgumentNullException(nameof(services));
        }

        var options = services.AddOptions<GeminiClientOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration);
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GeminiClientOptions>>(
            new GeminiClientOptionsValidator((configuration as IConfigurationSection)?.Path)));

        // The client's own timeouts (AttemptTimeout, TotalTimeout) apply; HttpClient's 100 s would cut long reasoning answers.
        var http = services.AddHttpClient(HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
#if NET5_0_OR_GREATER
        // One client for the container's life: the pooled connections are renewed (DNS), not the handler. Redirects are not followed.
        http.ConfigurePrimaryHttpMessageHandler(() => new System.Net.Http.SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.GZip | System.Net.DecompressionMethods.Deflate,
            AllowAutoRedirect = false,
        });
#endif
        http.SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        services.TryAddSingleton(Create);
        return http;
    }

    private static GeminiClient Create(IServiceProvider provider)
    {
        // A fresh options object (bound, configured and validated), so that the one IOptions<GeminiClientOptions> hands out is not changed.
        var options = provider.GetRequiredService<IOptionsFactory<GeminiClientOptions>>().Create(Options.Options.DefaultName);
        options.HttpClient ??= provider.GetRequiredService<System.Net.Http.IHttpClientFactory>().CreateClient(HttpClientName);
        options.Logger ??= provider.GetService<ILoggerFactory>()?.CreateLogger(typeof(GeminiClient).FullName!);
        return new GeminiClient(options);
    }
}
