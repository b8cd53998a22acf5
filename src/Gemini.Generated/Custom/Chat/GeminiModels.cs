namespace Gemini.Generated;

/// <summary>Model ids.</summary>
public static class GeminiModels
{
    /// <summary><c>google/gemini-2.5-flash</c>: the model the spec describes, and the client's default.</summary>
    public const string Gemini25Flash = "google/gemini-2.5-flash";
}
