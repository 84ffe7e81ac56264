using SpaceFactory.Hf;

namespace SpaceFactory.Phases.Agents;

/// <summary>How the factory installs and drives the Pi coding agent (<c>pi</c>, observed on 0.73.1).</summary>
public sealed class PiAgentOptions
{
    /// <summary>The npm package that provides <c>pi</c>.</summary>
    public string Package { get; set; } = "@mariozechner/pi-coding-agent";

    /// <summary>The pinned version installed when <c>pi</c> is missing.</summary>
    public string Version { get; set; } = "0.73.1";

    /// <summary>An installed <c>pi</c> to use as is; null installs <see cref="Package"/> under <see cref="InstallRoot"/>.</summary>
    public string? Executable { get; set; }

    /// <summary>
    /// Where the pinned version is installed (<c>&lt;root&gt;/&lt;version&gt;/node_modules/.bin/pi</c>); default
    /// <c>~/.cache/spacefactory/pi</c>, or <c>SPACE_FACTORY_PI_HOME</c> when set.
    /// </summary>
    public string? InstallRoot { get; set; }

    /// <summary>The npm used to install (on PATH by default).</summary>
    public string Npm { get; set; } = "npm";

    /// <summary>The OpenAI-compatible base URL of the model provider: the Inference Providers router, or the Sandbox's <c>/v1</c>.</summary>
    public Uri BaseUrl { get; set; } = new("https://router.huggingface.co/v1");

    /// <summary>The coding model, e.g. <c>Qwen/Qwen3-Coder-Next:fastest</c>.</summary>
    public string Model { get; set; } = "Qwen/Qwen3-Coder-Next:fastest";

    /// <summary>
    /// The environment variable that carries the key (the run's <c>HF_TOKEN</c>); <c>models.json</c> names it, never
    /// holds the value.
    /// </summary>
    public string ApiKeyVariable { get; set; } = HfClientOptions.TokenVariable;

    /// <summary>The wall-clock limit of one agent task; then SIGTERM, then SIGKILL after <see cref="TerminateGrace"/>.</summary>
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long <c>pi</c> gets to exit after SIGTERM before it is killed.</summary>
    public TimeSpan TerminateGrace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries of a failed model call (agent level; the provider client gets none), bounded so a dead model fails fast.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>
    /// The command the agent's <c>hf</c> runs (a shim put first on its PATH), e.g. <c>["dotnet", "/app/spacefactory.dll"]</c>
    /// for the SpaceFactory CLI's Hub verbs; null leaves <c>hf</c> to the machine (the real Hub CLI in a Job).
    /// </summary>
    public IReadOnlyList<string>? HubCliCommand { get; set; }

    /// <summary>Extra environment for the agent's process (e.g. <c>HF_ENDPOINT</c>); secrets belong in the run's secrets.</summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The install folder actually used.</summary>
    /// <returns><see cref="InstallRoot"/>, else <c>SPACE_FACTORY_PI_HOME</c>, else <c>~/.cache/spacefactory/pi</c>.</returns>
    public string ResolveInstallRoot() =>
        InstallRoot
        ?? (System.Environment.GetEnvironmentVariable("SPACE_FACTORY_PI_HOME") is { Length: > 0 } home ? home : null)
        ?? Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".cache", "spacefactory", "pi");
}
