using System.Text.Json;

namespace SpaceFactory.Phases.Agents;

/// <summary>
/// The shipped <c>package.json</c> and <c>package-lock.json</c> of the pinned pi (embedded from <c>Agents/PiLock/</c>;
/// <c>.ci/setup.d/pi.sh</c> installs from the same files), and the environment <c>npm ci</c> runs in.
/// </summary>
internal static class PiLock
{
    // What npm needs to reach its registry; nothing else of the host (HF_TOKEN, npm auth tokens, cloud keys) is passed.
    private static readonly string[] NpmEnvironment =
        ["PATH", "HOME", "LANG", "TZ", "SSL_CERT_FILE", "SSL_CERT_DIR", "NODE_EXTRA_CA_CERTS", "npm_config_registry", "npm_config_cache",
         "http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY"];

    /// <summary>The pi version the lock pins.</summary>
    public static string Version => LockedVersion.Value;

    private static readonly Lazy<string> LockedVersion = new(() =>
    {
        using var document = JsonDocument.Parse(Read("package.json"));
        return document.RootElement.GetProperty("dependencies").EnumerateObject().Single().Value.GetString()!;
    });

    /// <summary>Writes the lock into <paramref name="folder"/>, refusing a version or package the lock does not pin.</summary>
    public static void WriteTo(string folder, PiAgentOptions options)
    {
        using (var document = JsonDocument.Parse(Read("package.json")))
        {
            var pinned = document.RootElement.GetProperty("dependencies");
            if (!pinned.TryGetProperty(options.Package, out var version) || !string.Equals(version.GetString(), options.Version, StringComparison.Ordinal))
            {
                throw new PiAgentUnavailableException(
                    $"SpaceFactory ships a lock file for {string.Join(", ", pinned.EnumerateObject().Select(p => p.Name + "@" + p.Value.GetString()))} only, not {options.Package}@{options.Version}; install that version yourself and set PiAgentOptions.Executable.");
            }
        }

        File.WriteAllBytes(Path.Combine(folder, "package.json"), Read("package.json"));
        File.WriteAllBytes(Path.Combine(folder, "package-lock.json"), Read("package-lock.json"));
    }

    /// <summary>Replaces <paramref name="environment"/> with the few variables npm needs.</summary>
    public static void MinimalEnvironment(IDictionary<string, string?> environment)
    {
        var kept = NpmEnvironment.Select(name => (name, value: Environment.GetEnvironmentVariable(name))).Where(v => v.value is not null).ToArray();
        environment.Clear();
        foreach (var (name, value) in kept)
        {
            environment[name] = value;
        }

        environment["npm_config_update_notifier"] = "false";
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(PiLock).Assembly.GetManifestResourceStream("SpaceFactory.Phases.Agents.PiLock." + name)
            ?? throw new InvalidOperationException($"The embedded resource PiLock/{name} is missing from SpaceFactory.Phases.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
