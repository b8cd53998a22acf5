#if NETSTANDARD2_0
namespace System.Diagnostics.CodeAnalysis;

/// <summary>Lets netstandard2.0 carry the nullability annotation of the conversion operators (built into later frameworks).</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.ReturnValue, AllowMultiple = true, Inherited = false)]
internal sealed class NotNullIfNotNullAttribute : Attribute
{
    public NotNullIfNotNullAttribute(string parameterName)
    {
        ParameterName = parameterName;
    }

    public string ParameterName { get; }
}
#endif
