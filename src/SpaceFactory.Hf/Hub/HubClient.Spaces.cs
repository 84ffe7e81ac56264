using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using SpaceFactory.Hf.Http;

namespace SpaceFactory.Hf.Hub;

public partial class HubClient
{
    /// <summary>The runtime of a Space (stage, hardware, domains, error): <c>GET /api/spaces/{id}/runtime</c>.</summary>
    /// <param name="repoId">The Space id, <c>namespace/name</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The runtime.</returns>
    public virtual Task<SpaceRuntime> GetSpaceRuntimeAsync(RepoId repoId, CancellationToken cancellationToken = default)
    {
        HubPaths.RequireNamespace(repoId, nameof(repoId));
        return GetJsonAsync($"{HubPaths.Space(repoId)}/runtime", HubJsonContext.Default.SpaceRuntime, cancellationToken);
    }

    /// <summary>Restarts a Space (also wakes a paused or sleeping one): <c>POST /api/spaces/{id}/restart</c>.</summary>
    /// <param name="repoId">The Space id, <c>namespace/name</c>.</param>
    /// <param name="factoryReboot">Rebuild without the build cache (<c>?factory=true</c>).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The runtime after the request.</returns>
    public virtual Task<SpaceRuntime> RestartSpaceAsync(RepoId repoId, bool factoryReboot = false, CancellationToken cancellationToken = default)
    {
        HubPaths.RequireNamespace(repoId, nameof(repoId));
        var path = $"{HubPaths.Space(repoId)}/restart{(factoryReboot ? "?factory=true" : string.Empty)}";
        return HfHttp.SendForJsonAsync(_http, new HttpRequestMessage(HttpMethod.Post, path), HubJsonContext.Default.SpaceRuntime, _timeProvider, cancellationToken);
    }

    /// <summary>Pauses a Space until it is restarted (no billing meanwhile): <c>POST /api/spaces/{id}/pause</c>.</summary>
    /// <param name="repoId">The Space id, <c>namespace/name</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The runtime after the request (stage <see cref="SpaceStage.Paused"/>).</returns>
    public virtual Task<SpaceRuntime> PauseSpaceAsync(RepoId repoId, CancellationToken cancellationToken = default)
    {
        HubPaths.RequireNamespace(repoId, nameof(repoId));
        return HfHttp.SendForJsonAsync(
            _http, new HttpRequestMessage(HttpMethod.Post, $"{HubPaths.Space(repoId)}/pause"), HubJsonContext.Default.SpaceRuntime, _timeProvider, cancellationToken);
    }

    /// <summary>Requests other hardware for a Space: <c>POST /api/spaces/{id}/hardware</c> with <c>{"flavor","sleepTimeSeconds"?}</c>.</summary>
    /// <param name="repoId">The Space id, <c>namespace/name</c>.</param>
    /// <param name="flavor">The hardware flavor, e.g. <c>cpu-basic</c>, <c>t4-small</c> (an open set).</param>
    /// <param name="sleepTimeSeconds">Optional sleep time to set with it; <c>-1</c> never sleeps.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The runtime after the request.</returns>
    /// <exception cref="HfPaymentRequiredException">The flavor needs a payment method or credits.</exception>
    public virtual Task<SpaceRuntime> RequestSpaceHardwareAsync(
        RepoId repoId,
        string flavor,
        int? sleepTimeSeconds = null,
        CancellationToken cancellationToken = default)
    {
        HubPaths.RequireNamespace(repoId, nameof(repoId));
        ArgumentException.ThrowIfNullOrWhiteSpace(flavor);
        ValidateSleepTime(sleepTimeSeconds, nameof(sleepTimeSeconds));
        return SendJsonAsync(
            HttpMethod.Post, $"{HubPaths.Space(repoId)}/hardware", new HardwareRequest(flavor, sleepTimeSeconds),
            HubJsonContext.Default.HardwareRequest, HubJsonContext.Default.SpaceRuntime, cancellationToken);
    }

    /// <summary>The hardware flavors Spaces can run on, with memory and price: <c>GET /api/spaces/hardware</c>.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The flavors, as the Hub lists them.</returns>
    public virtual async Task<IReadOnlyList<SpaceHardwareFlavor>> ListSpaceHardwareAsync(CancellationToken cancellationToken = default) =>
        await GetJsonAsync("api/spaces/hardware", HubJsonContext.Default.ListSpaceHardwareFlavor, cancellationToken).ConfigureAwait(false);

    /// <summary>Sets how long a Space may stay idle before it sleeps: <c>POST /api/spaces/{id}/sleeptime</c> with <c>{"seconds"}</c>.</summary>
    /// <param name="repoId">The Space id, <c>namespace/name</c>.</param>
    /// <param name="seconds">Idle seconds before sleeping; <c>-1</c> never (paid hardware only).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The runtime after the request.</returns>
    public virtual Task<SpaceRuntime> SetSpaceSleepTimeAsync(RepoId repoId, int seconds, CancellationToken cancellationToken = default)
    {
        HubPaths.RequireNamespace(repoId, nameof(repoId));
        ValidateSleepTime(seconds, nameof(seconds));
        return SendJsonAsync(
            HttpMethod.Post, $"{HubPaths.Space(repoId)}/sleeptime", new SleepTimeRequest(seconds),
            HubJsonContext.Default.SleepTimeRequest, HubJsonContext.Default.SpaceRuntime, cancellationToken);
    }

    /// <summary>Adds or replaces a Space secret: <c>POST /api/spaces/{id}/secrets</c> with <c>{"key","value","description"?}</c>.</summary>
    /// <param name="repoId">The Space id, <c>namespace/name</c>.</param>
    /// <param name="key">Name, matching <c>^[a-zA-Z][_a-zA-Z0-9]*$</c>.</param>
    /// <param name="value">The secret value; it is never logged or put in an exception.</param>
    /// <param name="description">Optional description.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the Hub stored the secret (the Space restarts).</returns>
    public virtual Task AddSpaceSecretAsync(RepoId repoId, string key, string value, string? description = null, CancellationToken cancellationToken = default)
    {
        HubPaths.RequireNamespace(repoId, nameof(repoId));
        SpaceSettingKey.Validate(key, nameof(key), "secret");
        ArgumentNullException.ThrowIfNull(value);
        return SendAsync(
            HfHttp.JsonRequest(HttpMethod.Post, $"{HubPaths.Space(repoId)}/secrets", new KeyValueBody(key, value, description), HubJsonContext.Default.KeyValueBody),
            cancellationToken);
    }

    /// <summary>Deletes a Space secret: <c>DELETE /api/spaces/{id}/secrets</c> with <c>{"key"}</c>. Deleting a missing secret succeeds.</summary>
    /// <param name="repoId">The Space id, <c>namespace/name</c>.</param>
    /// <param name="key">The secret's name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>A task that completes when the Hub removed the secret.</returns>
    public virtual Task DeleteSpaceSecretAsync(RepoId repoId, string key, CancellationToken cancellationToken = default)
    {
        HubPaths.RequireNamespace(repoId, nameof(repoId));
        SpaceSettingKey.Validate(key, nameof(key), "secret");
        return SendAsync(
            HfHttp.JsonRequest(HttpMethod.Delete, $"{HubPaths.Space(repoId)}/secrets", new KeyBody(key), HubJsonContext.Default.KeyBody), cancellationToken);
    }

    /// <summary>The names (never the values) of a Space's secrets: <c>GET /api/spaces/{id}/secrets</c>.</summary>
    /// <param name="repoId">The Space id, <c>namespace/name</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The secrets' names, descriptions and update times, by name.</returns>
    public virtual async Task<IReadOnlyList<SpaceSecretInfo>> ListSpaceSecretsAsync(RepoId repoId, CancellationToken cancellationToken = default)
    {
        HubPaths.RequireNamespace(repoId, nameof(repoId));
        var secrets = await GetJsonAsync($"{HubPaths.Space(repoId)}/secrets", HubJsonContext.Default.DictionaryStringSecretEntry, cancellationToken)
            .ConfigureAwait(false);
        return [.. secrets.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new SpaceSecretInfo(s.Key, s.Value?.Description, s.Value?.UpdatedAt))];
    }

    /// <summary>Adds or replaces a public Space variable: <c>POST /api/spaces/{id}/variables</c> with <c>{"key","value","description"?}</c>.</summary>
    /// <param name="repoId">The Space id, <c>namespace/name</c>.</param>
    /// <param name="key">Name, matching <c>^[a-zA-Z][_a-zA-Z0-9]*$</c>.</param>
    /// <param name="value">The value (visible to anyone who can see the Space).</param>
    /// <param name="description">Optional description.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>All of the Space's variables after the change, by name.</returns>
    public virtual async Task<IReadOnlyDictionary<string, SpaceVariable>> AddSpaceVariableAsync(
        RepoId repoId,
        string key,
        string value,
        string? description = null,
        CancellationToken cancellationToken = default)
    {
        HubPaths.RequireNamespace(repoId, nameof(repoId));
        SpaceSettingKey.Validate(key, nameof(key), "variable");
        ArgumentNullException.ThrowIfNull(value);
        var variables = await SendJsonAsync(
                HttpMethod.Post, $"{HubPaths.Space(repoId)}/variables", new KeyValueBody(key, value, description),
                HubJsonContext.Default.KeyValueBody, HubJsonContext.Default.DictionaryStringVariableEntry, cancellationToken)
            .ConfigureAwait(false);
        return ToVariables(variables);
    }

    /// <summary>Deletes a Space variable: <c>DELETE /api/spaces/{id}/variables</c> with <c>{"key"}</c>. Deleting a missing variable succeeds.</summary>
    /// <param name="repoId">The Space id, <c>namespace/name</c>.</param>
    /// <param name="key">The variable's name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>All of the Space's variables after the change, by name.</returns>
    public virtual async Task<IReadOnlyDictionary<string, SpaceVariable>> DeleteSpaceVariableAsync(RepoId repoId, string key, CancellationToken cancellationToken = default)
    {
        HubPaths.RequireNamespace(repoId, nameof(repoId));
        SpaceSettingKey.Validate(key, nameof(key), "variable");
        var variables = await SendJsonAsync(
                HttpMethod.Delete, $"{HubPaths.Space(repoId)}/variables", new KeyBody(key),
                HubJsonContext.Default.KeyBody, HubJsonContext.Default.DictionaryStringVariableEntry, cancellationToken)
            .ConfigureAwait(false);
        return ToVariables(variables);
    }

    /// <summary>A Space's public variables: <c>GET /api/spaces/{id}/variables</c>.</summary>
    /// <param name="repoId">The Space id, <c>namespace/name</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The variables by name (empty when none).</returns>
    public virtual async Task<IReadOnlyDictionary<string, SpaceVariable>> ListSpaceVariablesAsync(RepoId repoId, CancellationToken cancellationToken = default)
    {
        HubPaths.RequireNamespace(repoId, nameof(repoId));
        var variables = await GetJsonAsync($"{HubPaths.Space(repoId)}/variables", HubJsonContext.Default.DictionaryStringVariableEntry, cancellationToken)
            .ConfigureAwait(false);
        return ToVariables(variables);
    }

    /// <summary>
    /// Reads a Space's build or run log: <c>GET /api/spaces/{id}/logs/{build|run}</c> (server-sent events), line by
    /// line as the Hub sends them, until the Hub closes the stream or <paramref name="cancellationToken"/> fires.
    /// </summary>
    /// <param name="repoId">The Space id, <c>namespace/name</c>.</param>
    /// <param name="kind">Build or run log.</param>
    /// <param name="cancellationToken">Stops reading and closes the connection.</param>
    /// <returns>The log lines. Their text comes from the Space: treat it as data.</returns>
    /// <exception cref="HfStreamIdleException">Nothing arrived for <see cref="HfClientOptions.StreamIdleTimeout"/>.</exception>
    public virtual async IAsyncEnumerable<SpaceLogLine> StreamSpaceLogsAsync(
        RepoId repoId,
        SpaceLogKind kind,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        HubPaths.RequireNamespace(repoId, nameof(repoId));
        var segment = kind switch
        {
            SpaceLogKind.Build => "build",
            SpaceLogKind.Run => "run",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown Space log kind."),
        };
        var request = new HttpRequestMessage(HttpMethod.Get, $"{HubPaths.Space(repoId)}/logs/{segment}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var stream = await _streaming.OpenAsync(request, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var line in SpaceLogReader.ReadAsync(stream, cancellationToken).ConfigureAwait(false))
            {
                yield return line;
            }
        }
    }

    private static void ValidateSleepTime(int? seconds, string paramName)
    {
        if (seconds is { } value && value <= 0 && value != -1)
        {
            throw new ArgumentOutOfRangeException(paramName, value, "A sleep time is a positive number of seconds, or -1 to never sleep.");
        }
    }

    private static Dictionary<string, SpaceVariable> ToVariables(Dictionary<string, VariableEntry> entries)
    {
        var variables = new Dictionary<string, SpaceVariable>(entries.Count, StringComparer.Ordinal);
        foreach (var (key, entry) in entries)
        {
            // Names come from the Hub: keep them even if they would not pass today's client-side rule.
            variables[key] = SpaceVariable.FromHub(key, entry?.Value ?? string.Empty, entry?.Description, entry?.UpdatedAt);
        }

        return variables;
    }
}
