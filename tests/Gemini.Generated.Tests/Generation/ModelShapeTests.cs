using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Gemini.Generated.Tests.Support;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated.Tests.Generation;

/// <summary>Cheap checks over the whole generated surface, so that it stays usable as the spec changes.</summary>
public class ModelShapeTests
{
    private static readonly Type[] PublicTypes = typeof(GeminiClient).Assembly.GetExportedTypes();

    private static readonly JObject Spec = JObject.Parse(File.ReadAllText(TestPaths.CurrentSpec));

    private static IEnumerable<Type> Models() =>
        PublicTypes.Where(t => t.IsClass && t.GetProperties().Any(p => p.GetCustomAttribute<JsonPropertyAttribute>() is not null));

    [Test]
    public void PublicTypes_HaveMeaningfulNames()
    {
        Assert.That(PublicTypes, Is.Not.Empty);
        foreach (var type in PublicTypes)
        {
            Assert.That(type.Namespace, Is.EqualTo("Gemini.Generated"), type.FullName);
            Assert.That(type.Name, Does.Match("^[A-Z][A-Za-z]+$"), "no numbered or underscored names");
            Assert.That(type.Name, Is.Not.EqualTo("Body").And.Not.Contains("Anonymous").And.Not.EqualTo("ApiException").And.Not.EqualTo("JsonInheritanceConverter"));
        }
    }

    [Test]
    public void ModelProperties_ArePascalCaseWithTheWireNameInTheAttribute()
    {
        foreach (var property in Models().SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)))
        {
            var wire = property.GetCustomAttribute<JsonPropertyAttribute>()?.PropertyName;
            if (wire is null)
            {
                continue;
            }

            var expected = string.Concat(wire.Split('_').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
            Assert.That(property.Name, Is.EqualTo(expected), $"{property.DeclaringType!.Name}.{property.Name} for '{wire}'");
        }
    }

    [Test]
    public void OptionalValueTypeProperties_AreNullable_SoOnlyWhatIsSetIsSent()
    {
        foreach (var property in Models().SelectMany(t => t.GetProperties()))
        {
            var json = property.GetCustomAttribute<JsonPropertyAttribute>();
            if (json is null || json.Required != Required.Default || !property.PropertyType.IsValueType)
            {
                continue;
            }

            Assert.That(Nullable.GetUnderlyingType(property.PropertyType), Is.Not.Null, $"{property.DeclaringType!.Name}.{property.Name}");
        }
    }

    [Test]
    public void ResponseTypes_AcceptMissingAndNullFields()
    {
        var responseTypes = new[] { typeof(ChatCompletion), typeof(ChatCompletionChunk), typeof(ChatChoice), typeof(ChatChunkChoice), typeof(ChatCompletionMessage), typeof(ChatMessageDelta), typeof(CompletionUsage), typeof(ChatToolCallDelta) };
        foreach (var property in responseTypes.SelectMany(t => t.GetProperties()))
        {
            var json = property.GetCustomAttribute<JsonPropertyAttribute>();
            if (json is not null)
            {
                Assert.That(json.Required, Is.EqualTo(Required.Default), $"{property.DeclaringType!.Name}.{property.Name}");
            }
        }

        var everythingNull = JsonConvert.DeserializeObject<ChatCompletion>(
            """{"id":null,"object":null,"created":null,"choices":[{"index":null,"message":{"role":null,"content":null,"tool_calls":null},"finish_reason":null}],"usage":null,"meta":null}""",
            GeminiJson.Settings)!;
        Assert.That(everythingNull.Text, Is.Empty);
        Assert.That(everythingNull.FinishReason, Is.Null);
    }

    [Test]
    public void CountsAndTimestamps_AreIntegers()
    {
        Assert.That(typeof(CompletionUsage).GetProperty(nameof(CompletionUsage.PromptTokens))!.PropertyType, Is.EqualTo(typeof(int?)));
        Assert.That(typeof(CompletionUsage).GetProperty(nameof(CompletionUsage.CompletionTokens))!.PropertyType, Is.EqualTo(typeof(int?)));
        Assert.That(typeof(CompletionUsage).GetProperty(nameof(CompletionUsage.TotalTokens))!.PropertyType, Is.EqualTo(typeof(int?)));
        Assert.That(typeof(ChatCompletion).GetProperty(nameof(ChatCompletion.Created))!.PropertyType, Is.EqualTo(typeof(long?)));
        Assert.That(typeof(ChatCompletionChunk).GetProperty(nameof(ChatCompletionChunk.Created))!.PropertyType, Is.EqualTo(typeof(long?)));
        Assert.That(typeof(ChatChoice).GetProperty(nameof(ChatChoice.Index))!.PropertyType, Is.EqualTo(typeof(int?)));
        Assert.That(typeof(ChatCompletionRequest).GetProperty(nameof(ChatCompletionRequest.MaxTokens))!.PropertyType, Is.EqualTo(typeof(int?)));
        Assert.That(typeof(BillingUsage).GetProperty(nameof(BillingUsage.UsdSpent))!.PropertyType, Is.EqualTo(typeof(decimal?)));
    }

    [Test]
    public void FinishReason_HasAMemberForEveryValueTheSpecLists()
    {
        var listed = Spec.SelectTokens("$..finish_reason.enum[*]").Select(v => (string)v!).Distinct().ToArray();
        var members = typeof(FinishReason).GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(FinishReason))
            .Select(p => ((FinishReason)p.GetValue(null)!).Value)
            .ToArray();

        Assert.That(listed, Is.Not.Empty);
        Assert.That(members, Is.SupersetOf(listed));
    }

    [Test]
    public void ChatRole_HasAMemberForEveryRoleTheSpecLists()
    {
        var listed = Spec.SelectTokens("$..delta.properties.role.enum[*]").Select(v => (string)v!).Distinct().ToArray();
        var members = typeof(ChatRole).GetProperties(BindingFlags.Public | BindingFlags.Static).Select(p => ((ChatRole)p.GetValue(null)!).Value);

        Assert.That(listed, Is.Not.Empty);
        Assert.That(members, Is.SupersetOf(listed));
    }

    [Test]
    public void DefaultModel_IsTheModelTheSpecDescribes()
    {
        var models = SpecElements.EnumValues("request: model");
        if (!models.Contains(GeminiModels.Gemini25Flash))
        {
            Assert.Ignore($"The spec this build was generated from describes {string.Join(", ", models)}, not {GeminiModels.Gemini25Flash}.");
        }

        Assert.That(new GeminiClientOptions().DefaultModel, Is.EqualTo(GeminiModels.Gemini25Flash));
    }

    [Test]
    public void TheHandWrittenStreamPath_IsTheGeneratedOperationPath()
    {
        var generated = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "src", "Gemini.Generated", "obj", "gemini", "Gemini.Generated.g.cs"));

        Assert.That(generated, Does.Contain($"urlBuilder_.Append(\"{GeminiTransport.ChatCompletionsPath}\");"));
    }
}
