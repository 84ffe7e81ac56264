using System.Reflection;

namespace SpaceFactory;

/// <summary>
/// The SDK version from the assembly's informational version, without the source revision. One source file,
/// compiled into each package that names its version (user agents, generated files).
/// </summary>
internal static class SdkVersion
{
    /// <summary>The version, e.g. <c>0.1.0</c>.</summary>
    public static readonly string Value = Read();

    private static string Read()
    {
        var assembly = typeof(SdkVersion).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
        {
            return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        }

        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
