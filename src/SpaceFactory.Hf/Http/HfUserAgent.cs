using System.Reflection;
using System.Runtime.InteropServices;

namespace SpaceFactory.Hf.Http;

/// <summary>Builds the <c>User-Agent</c> that names SpaceFactory and its version, e.g. <c>SpaceFactory/0.1.0; dotnet/10.0.1</c>.</summary>
internal static class HfUserAgent
{
    /// <summary>The SDK version taken from the assembly's informational version, without the source revision.</summary>
    public static readonly string SdkVersion = ReadVersion();

    /// <summary>The user agent with an optional caller-provided suffix.</summary>
    public static string Build(string? suffix)
    {
        var value = $"SpaceFactory/{SdkVersion}; dotnet/{Environment.Version}; {RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}";
        return string.IsNullOrWhiteSpace(suffix) ? value : $"{value}; {suffix.Trim()}";
    }

    private static string ReadVersion()
    {
        var informational = typeof(HfUserAgent).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
        {
            return typeof(HfUserAgent).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        }

        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
