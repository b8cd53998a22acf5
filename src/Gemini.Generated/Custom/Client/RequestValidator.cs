using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Newtonsoft.Json;

namespace Gemini.Generated;

/// <summary>
/// Checks a request against the spec's constraints before anything is sent: a request the service would reject is a billed
/// round trip wasted. The ranges, required fields, lengths and patterns come from the DataAnnotations NSwag generates from the
/// spec, so a spec change updates them; the few rules the spec states only in prose (at most 4 stop sequences) are written here.
/// Each violation is an <see cref="ArgumentException"/> naming the JSON path (<c>messages[2].tool_call_id</c>), the value and what
/// is allowed.
/// </summary>
internal static class RequestValidator
{
    private const int MaxDepth = 32;

    private static readonly Assembly ModelAssembly = typeof(ChatCompletionRequest).Assembly;
    private static readonly ConcurrentDictionary<Type, PropertyRule[]> Rules = new();

    public static void Validate(ChatCompletionRequest request)
    {
        ValidateObject(request, string.Empty, 0);
        if (request.Stop is { Count: > StopSequences.MaxCount } stop)
        {
            throw new ArgumentOutOfRangeException("stop", stop.Count,
                $"stop has {stop.Count} sequences; allowed: at most {StopSequences.MaxCount}.");
        }
    }

    private static void ValidateObject(object value, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"{path} nests deeper than {MaxDepth} levels.", path);
        }

        foreach (var rule in RulesFor(value.GetType()))
        {
            var propertyValue = rule.Property.GetValue(value);
            if (rule.Attributes.Length == 0 && propertyValue is null)
            {
                continue;
            }

            var propertyPath = path.Length == 0 ? rule.JsonName : path + "." + rule.JsonName;
            foreach (var attribute in rule.Attributes)
            {
                Check(attribute, propertyValue, propertyPath);
            }

            if (propertyValue is not null && rule.Recurse)
            {
                ValidateValue(propertyValue, propertyPath, depth + 1);
            }
        }
    }

    private static void ValidateValue(object value, string path, int depth)
    {
        switch (value)
        {
            case string or IDictionary:
                return;
            case ChatMessageContent content:
                for (var i = 0; i < content.Parts.Count; i++)
                {
                    ValidateObject(content.Parts[i], $"{path}[{i}]", depth);
                }

                return;
            case IEnumerable items when value.GetType().Assembly != ModelAssembly:
                var index = 0;
                foreach (var item in items)
                {
                    var itemPath = $"{path}[{index++}]";
                    if (item is null)
                    {
                        throw new ArgumentException($"{itemPath} is null; allowed: an item, not null (for messages, ChatMessage.User(...) and the other builders).", itemPath);
                    }

                    ValidateValue(item, itemPath, depth);
                }

                return;
        }

        var type = value.GetType();
        if (type.Assembly == ModelAssembly && type.IsClass)
        {
            ValidateObject(value, path, depth);
        }
    }

    private static void Check(ValidationAttribute attribute, object? value, string path)
    {
        switch (attribute)
        {
            case RequiredAttribute required:
                if (value is null || (!required.AllowEmptyStrings && value is string { Length: 0 }))
                {
                    throw new ArgumentException(value is null ? $"{path} is required but is null." : $"{path} is required but is empty.", path);
                }

                break;

            case RangeAttribute range when value is not null:
                var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                var minimum = Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture);
                var maximum = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
                if (double.IsNaN(number) || number < minimum || number > maximum)
                {
                    throw new ArgumentOutOfRangeException(path, value,
                        $"{path} is {Format(value)}; allowed: {DescribeRange(minimum, maximum)}.");
                }

                break;

            case StringLengthAttribute length when value is string characters:
                if (characters.Length > length.MaximumLength || characters.Length < length.MinimumLength)
                {
                    throw new ArgumentOutOfRangeException(path, characters,
                        $"{path} \"{Shorten(characters)}\" has {characters.Length} characters; allowed: {DescribeLength(length.MinimumLength, length.MaximumLength)}.");
                }

                break;

            case MinLengthAttribute minLength when value is not null:
                var count = CountOf(value);
                if (count < minLength.Length)
                {
                    throw new ArgumentException(count == 0
                        ? $"{path} is empty; allowed: at least {minLength.Length}."
                        : $"{path} has {count}; allowed: at least {minLength.Length}.", path);
                }

                break;

            case MaxLengthAttribute maxLength when value is not null:
                var items = CountOf(value);
                if (items > maxLength.Length)
                {
                    throw new ArgumentOutOfRangeException(path, items, $"{path} has {items}; allowed: at most {maxLength.Length}.");
                }

                break;

            case RegularExpressionAttribute pattern when value is string candidate:
                var match = Regex.Match(candidate, pattern.Pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                if (!match.Success || match.Index != 0 || match.Length != candidate.Length)
                {
                    throw new ArgumentException($"{path} \"{Shorten(candidate)}\" does not match {pattern.Pattern}; allowed: {DescribePattern(pattern.Pattern)}.", path);
                }

                break;
        }
    }

    /// <summary>Per type, once: the properties that carry a constraint or hold something to look into. Plain values without a constraint are skipped.</summary>
    private static PropertyRule[] RulesFor(Type type) =>
        Rules.GetOrAdd(type, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Json: p.GetCustomAttribute<JsonPropertyAttribute>()))
            .Where(p => p.Json?.PropertyName is not null && p.Property.GetIndexParameters().Length == 0)
            .Select(p => new PropertyRule(p.Property, p.Json!.PropertyName!, p.Property.GetCustomAttributes<ValidationAttribute>().ToArray(), MayHoldModels(p.Property.PropertyType)))
            .Where(rule => rule.Attributes.Length > 0 || rule.Recurse)
            .ToArray());

    private static bool MayHoldModels(Type type) =>
        type != typeof(string) && !type.IsValueType && !typeof(IDictionary).IsAssignableFrom(type) &&
        (type.Assembly == ModelAssembly || typeof(IEnumerable).IsAssignableFrom(type));

    private static int CountOf(object value) =>
        value switch
        {
            string text => text.Length,
            ICollection collection => collection.Count,
            IEnumerable items => items.Cast<object>().Count(),
            _ => 1,
        };

    private static string DescribeRange(double minimum, double maximum) =>
        maximum >= int.MaxValue ? $"{Format(minimum)} or more" : $"{Format(minimum)} to {Format(maximum)}";

    private static string DescribeLength(int minimum, int maximum) =>
        maximum == int.MaxValue ? $"at least {minimum} character{(minimum == 1 ? "" : "s")}"
        : minimum > 0 ? $"{minimum} to {maximum} characters"
        : $"at most {maximum} characters";

    private static string DescribePattern(string pattern) =>
        pattern == "^[a-zA-Z0-9_-]+$" ? "letters a-z and A-Z, digits, underscores and dashes" : "a value matching that pattern";

    private static string Format(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null";

    private static string Shorten(string text) => text.Length > 40 ? text.Substring(0, 40) + "..." : text;

    private sealed class PropertyRule
    {
        public PropertyRule(PropertyInfo property, string jsonName, ValidationAttribute[] attributes, bool recurse)
        {
            Property = property;
            JsonName = jsonName;
            Attributes = attributes;
            Recurse = recurse;
        }

        public PropertyInfo Property { get; }

        public string JsonName { get; }

        public ValidationAttribute[] Attributes { get; }

        public bool Recurse { get; }
    }
}
