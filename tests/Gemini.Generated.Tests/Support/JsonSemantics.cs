using System.Globalization;
using System.Linq;
using Newtonsoft.Json.Linq;

namespace Gemini.Generated.Tests.Support;

/// <summary>JSON equality as the API reads it: property order does not matter, and numbers compare by value (120000 equals 120000.0).</summary>
internal static class JsonSemantics
{
    public static bool Equal(JToken? a, JToken? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (a is JValue { Type: JTokenType.Integer or JTokenType.Float } x && b is JValue { Type: JTokenType.Integer or JTokenType.Float } y)
        {
            return decimal.Parse(x.ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture)
                == decimal.Parse(y.ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return (a, b) switch
        {
            (JObject p, JObject q) => p.Count == q.Count && p.Properties().All(property => q.TryGetValue(property.Name, out var other) && Equal(property.Value, other)),
            (JArray p, JArray q) => p.Count == q.Count && p.Zip(q).All(pair => Equal(pair.First, pair.Second)),
            _ => JToken.DeepEquals(a, b),
        };
    }
}
