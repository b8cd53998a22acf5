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

    [ThreadStatic]
    private static JsonPath? _path;

    public static void Validate(ChatCompletionRequest request)
    {
        var path = _path ??= new JsonPath();
        path.Clear();
        ValidateObject(request, path, 0);
        if (request.Stop is { Count: > StopSequences.MaxCount } stop)
        {
            throw new ArgumentOutOfRangeException("stop", stop.Count,
                $"stop has {stop.Count} sequences; allowed: at most {StopSequences.MaxCount}.");
        }
    }

    private static void ValidateObject(object value, JsonPath path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"{path} nests deeper than {MaxDepth} levels.", path.ToString());
        }

        foreach (var rule in RulesFor(value.GetType()))
        {
            var propertyValue = rule.Get(value);
            if (rule.Attributes.Length == 0 && propertyValue is null)
            {
                continue;
            }

            path.Push(rule.JsonName);
            foreach (var attribute in rule.Attributes)
            {
                Check(attribute, propertyValue, path);
            }

            if (propertyValue is not null && rule.Recurse)
            {
                ValidateValue(propertyValue, path, depth + 1);
            }

            path.Pop();
        }
    }

    private static void ValidateValue(object value, JsonPath path, int depth)
    {
        switch (value)
        {
            case string or IDictionary:
                return;
            case ChatMessageContent content:
                for (var i = 0; i < content.Parts.Count; i++)
                {
                    path.Push(i);
                    ValidateObject(content.Parts[i], path, depth);
                    path.Pop();
                }

                return;
            case IList list when value.GetType().Assembly != ModelAssembly:
                for (var i = 0; i < list.Count; i++)
                {
                    path.Push(i);
                    ValidateItem(list[i], path, depth);
                    path.Pop();
                }

                return;
            case IEnumerable items when value.GetType().Assembly != ModelAssembly:
                var index = 0;
                foreach (var item in items)
                {
                    path.Push(index++);
                    ValidateItem(item, path, depth);
                    path.Pop();
                }

                return;
        }

        var type = value.GetType();
        if (type.Assembly == ModelAssembly && type.IsClass)
        {
            ValidateObject(value, path, depth);
        }
    }

    private static void ValidateItem(object? item, JsonPath path, int depth)
    {
        if (item is null)
        {
            throw new ArgumentException($"{path} is null; allowed: an item, not null (for messages, ChatMessage.User(...) and the other builders).", path.ToString());
        }

        ValidateValue(item, path, depth);
    }

    private static void Check(ValidationAttribute attribute, object? value, JsonPath at)
    {
        switch (attribute)
        {
            case RequiredAttribute required:
                if (value is null || (!required.AllowEmptyStrings && value is string { Length: 0 }))
                {
                    var path = at.ToString();
                    throw new ArgumentException(value is null ? $"{path} is required but is null." : $"{path} is required but is empty.", path);
                }

                break;

            case RangeAttribute range when value is not null:
                var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                var minimum = Convert.ToDouble(range.Minimum, CultureInfo.InvariantCulture);
                var maximum = Convert.ToDouble(range.Maximum, CultureInfo.InvariantCulture);
                if (double.IsNaN(number) || number < minimum || number > maximum)
                {
                    var path = at.ToString();
                    throw new ArgumentOutOfRangeException(path, value,
                        $"{path} is {Format(value)}; allowed: {DescribeRange(minimum, maximum)}.");
                }

                break;

            case StringLengthAttribute length when value is string characters:
                if (characters.Length > length.MaximumLength || characters.Length < length.MinimumLength)
                {
                    var path = at.ToString();
                    throw new ArgumentOutOfRangeException(path, characters,
                        $"{path} \"{Shorten(characters)}\" has {characters.Length} characters; allowed: {DescribeLength(length.MinimumLength, length.MaximumLength)}.");
                }

                break;

            case MinLengthAttribute minLength when value is not null:
                var count = CountOf(value);
                if (count < minLength.Length)
                {
                    var path = at.ToString();
                    throw new ArgumentException(count == 0
                        ? $"{path} is empty; allowed: at least {minLength.Length}."
                        : $"{path} has {count}; allowed: at least {minLength.Length}.", path);
                }

                break;

            case MaxLengthAttribute maxLength when value is not null:
                var items = CountOf(value);
                if (items > maxLength.Length)
                {
                    var path = at.ToString();
                    throw new ArgumentOutOfRangeException(path, items, $"{path} has {items}; allowed: at most {maxLength.Length}.");
                }

                break;

            case RegularExpressionAttribute pattern when value is string candidate:
                var match = Regex.Match(candidate, pattern.Pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                if (!match.Success || match.Index != 0 || match.Length != candidate.Length)
                {
                    var path = at.ToString();
                    throw new ArgumentException($"{path} \"{Shorten(candidate)}\" does not match {pattern.Pattern}; allowed: {DescribePattern(pattern.Pattern)}.", path);
                }

                break;
        }
    }

    /// <summary>Where the check is, as segments; the string (<c>messages[2].tool_call_id</c>) is built only for an error.</summary>
    private sealed class JsonPath
    {
        private readonly List<(string? Name, int Index)> _segments = new();

        public void Clear() => _segments.Clear();

        public void Push(string name) => _segments.Add((name, -1));

        public void Push(int index) => _segments.Add((null, index));

        public void Pop() => _segments.RemoveAt(_segments.Count - 1);

        public override string ToString()
        {
            var text = new System.Text.StringBuilder();
            foreach (var (name, index) in _segments)
            {
                if (name is null)
                {
                    text.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
                }
                else
                {
                    text.Append(text.Length == 0 ? string.Empty : ".").Append(name);
                }
            }

            return text.ToString();
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
        private static readonly MethodInfo MakeGetterMethod = typeof(PropertyRule).GetMethod(nameof(MakeGetter), BindingFlags.NonPublic | BindingFlags.Static)!;

        public PropertyRule(PropertyInfo property, string jsonName, ValidationAttribute[] attributes, bool recurse)
        {
            JsonName = jsonName;
            Attributes = attributes;
            Recurse = recurse;
            Get = (Func<object, object?>)MakeGetterMethod.MakeGenericMethod(property.DeclaringType!, property.PropertyType).Invoke(null, new object[] { property.GetMethod! })!;
        }

        /// <summary>The property's getter as a delegate: reflection's GetValue would cost more than the whole check.</summary>
        public Func<object, object?> Get { get; }

        public string JsonName { get; }

        public ValidationAttribute[] Attributes { get; }

        public bool Recurse { get; }

        private static Func<object, object?> MakeGetter<TTarget, TValue>(MethodInfo getter)
        {
            var get = (Func<TTarget, TValue>)Delegate.CreateDelegate(typeof(Func<TTarget, TValue>), getter);
            return target => get((TTarget)target);
        }
    }
}
