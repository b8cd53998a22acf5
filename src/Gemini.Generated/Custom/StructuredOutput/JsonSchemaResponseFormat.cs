using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Generation;
using NJsonSchema.NewtonsoftJson.Generation;

namespace Gemini.Generated;

// CUSTOM: a schema from a C# type, so that structured output needs no hand-built schema dictionary.
public partial class JsonSchemaResponseFormat
{
    private const int MaxNameLength = 64;

    /// <summary>
    /// A JSON-schema response format for <typeparamref name="T"/>: the model answers with JSON of that shape, which
    /// <see cref="ChatCompletion.GetContent{T}"/> reads back. The schema comes from NJsonSchema and follows Newtonsoft.Json's
    /// attributes (<c>[JsonProperty]</c>, <c>[JsonIgnore]</c>, <c>[JsonRequired]</c>), nullable annotations and XML docs, the same
    /// rules the answer is read with.
    /// </summary>
    /// <param name="name">The format's name (letters, digits, <c>_</c> and <c>-</c>, at most 64); by default the type's name.</param>
    /// <param name="description">What the format is for, to guide the model.</param>
    /// <param name="strict">Whether the model must follow the schema exactly; not sent when null.</param>
    public static JsonSchemaResponseFormat For<T>(string? name = null, string? description = null, bool? strict = null) =>
        For(typeof(T), name, description, strict);

    /// <summary>A JSON-schema response format for <paramref name="type"/>; see <see cref="For{T}"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="type"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not an object type the model can answer with.</exception>
    public static JsonSchemaResponseFormat For(Type type, string? name = null, string? description = null, bool? strict = null)
    {
        if (type is null)
        {
            throw new ArgumentNullException(nameof(type));
        }

        if (type.IsPrimitive || type == typeof(string) || type == typeof(decimal) || type.IsEnum ||
            (typeof(System.Collections.IEnumerable).IsAssignableFrom(type) && !typeof(System.Collections.IDictionary).IsAssignableFrom(type) && !IsGenericDictionary(type)))
        {
            throw new ArgumentException(
                $"{type} is not an object type: response_format json_schema needs a JSON object at the top. Wrap the value in a class with one property.",
                nameof(type));
        }

        var settings = new NewtonsoftJsonSchemaGeneratorSettings
        {
            SchemaType = SchemaType.JsonSchema,
            FlattenInheritanceHierarchy = true,
            DefaultReferenceTypeNullHandling = ReferenceTypeNullHandling.NotNull,
            GenerateAbstractProperties = true,
        };
        var schema = JObject.Parse(NewtonsoftJsonSchemaGenerator.FromType(type, settings).ToJson());
        schema.Remove("$schema");

        return new JsonSchemaResponseFormat
        {
            JsonSchema = new JsonSchemaDefinition
            {
                Name = name ?? NameOf(type),
                Description = description,
                Strict = strict,
                Schema = schema.Properties().ToDictionary(p => p.Name, p => (object?)p.Value),
            },
        };
    }

    private static bool IsGenericDictionary(Type type) =>
        type.GetInterfaces().Append(type).Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));

    /// <summary>A name the API accepts, made from the type's name: <c>List`1</c> becomes <c>List_1</c>.</summary>
    private static string NameOf(Type type)
    {
        var name = new StringBuilder(type.Name.Length);
        foreach (var c in type.Name)
        {
            name.Append(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '-' ? c : '_');
        }

        return name.Length > MaxNameLength ? name.ToString(0, MaxNameLength) : name.ToString();
    }
}
