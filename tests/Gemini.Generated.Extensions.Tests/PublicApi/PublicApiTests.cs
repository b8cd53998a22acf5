using System;
using System.IO;
using System.Reflection;
using Gemini.Generated.Extensions.Tests.Support;
using Gemini.Generated.Tests.Support;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using PublicApiGenerator;

namespace Gemini.Generated.Extensions.Tests.PublicApi;

/// <summary>Each extension package's public surface against its committed listing; accept a change with GEMINI_ACCEPT_PUBLIC_API=1.</summary>
public class PublicApiTests
{
    [TestCase(typeof(GeminiChatClientExtensions))]
    [TestCase(typeof(GeminiServiceCollectionExtensions))]
    // The extension methods live in Microsoft.Extensions.* namespaces, which the generator leaves out unless allowed.
    public void PublicApi_MatchesTheApprovedListing(Type typeInPackage)
    {
        var assembly = typeInPackage.Assembly;
        var approvedPath = Repository.PathOf("tests", "Gemini.Generated.Extensions.Tests", "PublicApi", assembly.GetName().Name + ".approved.txt");
        var actual = ApiGenerator.GeneratePublicApi(assembly, new ApiGeneratorOptions { IncludeAssemblyAttributes = false, AllowNamespacePrefixes = new[] { "Microsoft.Extensions" } }).Replace("\r\n", "\n");

        if (Environment.GetEnvironmentVariable("GEMINI_ACCEPT_PUBLIC_API") == "1")
        {
            File.WriteAllText(approvedPath, actual);
        }

        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).Replace("\r\n", "\n") : string.Empty;
        if (approved != actual)
        {
            Assert.Fail($"The public API of {assembly.GetName().Name} differs from {approvedPath} (accept it with GEMINI_ACCEPT_PUBLIC_API=1):\n" + TextDiff.Unified(approved, actual));
        }
    }
}
