using System;

namespace Gemini.SpecTool;

/// <summary>A failure the tool reports as one MSBuild-style error line, never as a stack trace.</summary>
public sealed class SpecToolException : Exception
{
    public SpecToolException(string code, string message, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
    }

    /// <summary>The error code MSBuild shows, for example <c>GEM001</c>.</summary>
    public string Code { get; }

    public static class Codes
    {
        /// <summary>The spec source could not be read.</summary>
        public const string Unreachable = "GEM001";

        /// <summary>The pulled spec differs from the lock.</summary>
        public const string HashMismatch = "GEM002";

        /// <summary>A normalization rule no longer fits the spec.</summary>
        public const string Normalization = "GEM003";

        /// <summary>The document is not a JSON OpenAPI document.</summary>
        public const string InvalidSpec = "GEM004";

        /// <summary>The lock file is missing or malformed.</summary>
        public const string Lock = "GEM005";

        /// <summary>The command line is wrong.</summary>
        public const string Usage = "GEM006";

        /// <summary>UpdateSpec refused a spec the next build could not generate from (a broken contract, a union no rule covers).</summary>
        public const string Refused = "GEM009";

        /// <summary>A warning: a shaping rule's target is gone, so the rule was skipped.</summary>
        public const string Skipped = "GEM010";
    }
}
