using System.Runtime.InteropServices;

namespace SpaceFactory.Hf.Http;

/// <summary>Builds the <c>User-Agent</c> that names SpaceFactory and its version, e.g. <c>SpaceFactory/0.1.0; dotnet/10.0.1</c>.</summary>
internal static class HfUserAgent
{
    /// <summary>The SDK version, without the source revision.</summary>
    public static string SdkVersion => SpaceFactory.SdkVersion.Value;

    /// <summary>The user agent with an optional caller-provided suffix.</summary>
    public static string Build(string? suffix)
    {
        var value = $"SpaceFactory/{SdkVersion}; dotnet/{Environment.Version}; {RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}";
        return string.IsNullOrWhiteSpace(suffix) ? value : $"{value}; {suffix.Trim()}";
    }
}
