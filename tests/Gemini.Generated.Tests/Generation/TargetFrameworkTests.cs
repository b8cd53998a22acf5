using System.Reflection;
using System.Runtime.Versioning;

namespace Gemini.Generated.Tests.Generation;

public class TargetFrameworkTests
{
    [Test]
    public void TheSdkUnderTest_IsTheBuildThisProjectIsFor()
    {
#if GEMINI_NETSTANDARD
        const string Expected = ".NETStandard,Version=v2.0";
#else
        const string Expected = ".NETCoreApp,Version=v8.0";
#endif
        var framework = typeof(GeminiClient).Assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName;

        Assert.That(framework, Is.EqualTo(Expected));
    }
}
