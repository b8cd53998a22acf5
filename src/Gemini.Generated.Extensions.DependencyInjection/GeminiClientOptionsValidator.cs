using System;
using Gemini.Generated;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Checks the options as <see cref="GeminiClient"/> will (one set of rules), when the host starts: a wrong setting fails the
/// start with its name and its configuration key, not the first request.
/// </summary>
internal sealed class GeminiClientOptionsValidator : IValidateOptions<GeminiClientOptions>
{
    private readonly string? _sectionPath;

    public GeminiClientOptionsValidator(string? sectionPath) => _sectionPath = string.IsNullOrEmpty(sectionPath) ? null : sectionPath;

    public ValidateOptionsResult Validate(string? name, GeminiClientOptions options)
    {
        try
        {
            // The client checks every setting in its constructor and sends nothing.
            _ = new GeminiClient(options);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            var setting = ex.ParamName ?? "?";
            var message = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty);
            var key = _sectionPath is null ? setting : $"{_sectionPath}:{setting}";
            return ValidateOptionsResult.Fail($"GeminiClientOptions.{setting} (configuration key \"{key}\"): {message}");
        }
    }
}
