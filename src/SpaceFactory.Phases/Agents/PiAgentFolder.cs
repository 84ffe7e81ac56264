using System.Text;
using System.Text.Json;

namespace SpaceFactory.Phases.Agents;

/// <summary>
/// The per-task scratch folder: <c>agent/</c> (<c>models.json</c>, <c>settings.json</c>), <c>home/</c>, <c>tmp/</c>,
/// <c>bin/hf</c> (when a Hub CLI command is configured), <c>brief.md</c> and the session trace. The workspace the agent
/// edits is a sibling, <c>workspace/</c>, so nothing of the agent's own configuration is in its reach by relative path.
/// </summary>
internal sealed class PiAgentFolder : IDisposable
{
    public const string ProviderName = "spacefactory";

    private PiAgentFolder(string root)
    {
        Root = root;
        Directory.CreateDirectory(AgentDirectory);
        Directory.CreateDirectory(HomeDirectory);
        Directory.CreateDirectory(TempDirectory);
        Directory.CreateDirectory(Workspace);
    }

    public string Root { get; }

    public string AgentDirectory => Path.Combine(Root, "agent");

    public string HomeDirectory => Path.Combine(Root, "home");

    public string TempDirectory => Path.Combine(Root, "tmp");

    public string BinDirectory => Path.Combine(Root, "bin");

    public string Workspace => Path.Combine(Root, "workspace");

    public string BriefPath => Path.Combine(Root, "brief.md");

    public string SessionPath => Path.Combine(Root, "session.jsonl");

    public static PiAgentFolder Create(string taskName) =>
        new(Path.Combine(Path.GetTempPath(), $"spacefactory-pi-{taskName}-{Guid.NewGuid():N}"));

    /// <summary>
    /// Writes <c>models.json</c>, <c>settings.json</c>, the brief and the <c>hf</c> shim. <paramref name="literalKey"/>
    /// null names the key by its variable (the task gets it in its environment); otherwise the key is written into
    /// <c>models.json</c> (owner-only) and the agent's environment holds no token at all.
    /// </summary>
    public void Write(PiAgentOptions options, string brief, string? literalKey = null)
    {
        var models = Path.Combine(AgentDirectory, "models.json");
        File.WriteAllBytes(models, ModelsJson(options, literalKey));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(models, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllBytes(Path.Combine(AgentDirectory, "settings.json"), SettingsJson(options));
        File.WriteAllText(BriefPath, brief, new UTF8Encoding(false));
        if (options.HubCliCommand is { Count: > 0 } command)
        {
            Directory.CreateDirectory(BinDirectory);
            var shim = Path.Combine(BinDirectory, "hf");
            File.WriteAllText(shim, "#!/bin/sh\nexec " + string.Join(' ', command.Select(ShellQuote)) + " \"$@\"\n", new UTF8Encoding(false));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A straggling child may still hold a file; the temp folder is cleaned by the OS.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    private static byte[] ModelsJson(PiAgentOptions options, string? literalKey) => Json(w =>
    {
        w.WriteStartObject("providers");
        w.WriteStartObject(ProviderName);
        w.WriteString("baseUrl", options.BaseUrl.ToString().TrimEnd('/'));
        w.WriteString("api", "openai-completions");
        w.WriteString("apiKey", literalKey ?? options.ApiKeyVariable); // pi reads a variable name at request time, else the literal
        w.WriteStartObject("compat");
        w.WriteBoolean("supportsDeveloperRole", false);
        w.WriteBoolean("supportsStore", false);
        w.WriteEndObject();
        w.WriteStartArray("models");
        w.WriteStartObject();
        w.WriteString("id", options.Model);
        w.WriteBoolean("reasoning", false);
        w.WriteStartArray("input");
        w.WriteStringValue("text");
        w.WriteEndArray();
        w.WriteNumber("contextWindow", 131072);
        w.WriteNumber("maxTokens", 16384);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static byte[] SettingsJson(PiAgentOptions options) => Json(w =>
    {
        w.WriteStartObject("retry");
        w.WriteBoolean("enabled", options.MaxRetries > 0);
        w.WriteNumber("maxRetries", options.MaxRetries);
        w.WriteNumber("baseDelayMs", 1000);
        w.WriteStartObject("provider");
        w.WriteNumber("maxRetries", 0);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject("compaction");
        w.WriteBoolean("enabled", true);
        w.WriteEndObject();
        w.WriteBoolean("enableInstallTelemetry", false);
    });

    private static byte[] Json(Action<Utf8JsonWriter> writeBody)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            writeBody(w);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
