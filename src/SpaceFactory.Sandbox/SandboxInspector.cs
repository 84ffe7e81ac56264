using SpaceFactory.Sandbox.Hub;

namespace SpaceFactory.Sandbox;

/// <summary>Read-only views and waits over a running <see cref="HfSandbox"/>, for tests.</summary>
public sealed class SandboxInspector
{
    private static readonly string[] IntermediateStages = ["BUILDING", "APP_STARTING", "RUNNING_BUILDING", "RUNNING_APP_STARTING"];
    private readonly SandboxServices _services;

    internal SandboxInspector(SandboxServices services) => _services = services;

    /// <summary>Repos created through <c>POST /api/repos/create</c> (seeded repos are not counted).</summary>
    public int ReposCreated => _services.Repos.CreatedCount;

    /// <summary>Faults injected so far (5xx + 429 + dropped connections).</summary>
    public long FaultsInjected => _services.Statistics.Faults5xx + _services.Statistics.Faults429 + _services.Statistics.FaultDrops;

    /// <summary>Injected 5xx answers.</summary>
    public long Faults5xx => _services.Statistics.Faults5xx;

    /// <summary>Injected 429 answers.</summary>
    public long Faults429 => _services.Statistics.Faults429;

    /// <summary>Injected dropped connections.</summary>
    public long FaultDrops => _services.Statistics.FaultDrops;

    /// <summary>Faults applied after the handler ran: the request took effect, its answer was lost.</summary>
    public long AnswersLost => _services.Statistics.AnswersLost;

    /// <summary>
    /// Requests per route, keyed <c>"METHOD /route/{pattern}"</c> (e.g. <c>"POST /api/repos/create"</c>); Space app requests
    /// are keyed <c>"SPACE-APP METHOD /path"</c>.
    /// </summary>
    public IReadOnlyDictionary<string, int> Requests => new Dictionary<string, int>(_services.Statistics.Requests, StringComparer.Ordinal);

    /// <summary>Requests received on one route pattern (e.g. <c>("POST", "/api/spaces/{ns}/{name}/commit/{**rev}")</c>).</summary>
    /// <param name="method">HTTP method.</param>
    /// <param name="routePattern">The route pattern as registered.</param>
    /// <returns>The count (0 when none).</returns>
    public int GetRequestCount(string method, string routePattern)
        => _services.Statistics.Requests.TryGetValue(method + " " + routePattern, out var count) ? count : 0;

    /// <summary>Commits on <c>main</c> of a repo, including the first commit the Hub makes at creation; 0 when it does not exist.</summary>
    /// <param name="repoId">The repo id.</param>
    /// <param name="repoType"><c>model</c> (default), <c>dataset</c> or <c>space</c>.</param>
    /// <returns>The count.</returns>
    public int GetCommitCount(string repoId, string repoType = "model")
        => RepoKinds.TryParse(repoType, out var kind) && _services.Repos.Find(kind, repoId) is { } repo ? repo.CommitCount : 0;

    /// <summary>The content of a file at the head of a repo, or null.</summary>
    /// <param name="repoId">The repo id.</param>
    /// <param name="path">The path in the repo.</param>
    /// <param name="repoType"><c>model</c> (default), <c>dataset</c> or <c>space</c>.</param>
    /// <returns>The bytes, or null when the repo or file does not exist.</returns>
    public byte[]? ReadFile(string repoId, string path, string repoType = "model")
    {
        if (!RepoKinds.TryParse(repoType, out var kind) || _services.Repos.Find(kind, repoId) is not { } repo || !repo.Head.Tree.TryGetValue(path, out var file))
        {
            return null;
        }

        using var stream = file.Open();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    /// <summary>The current runtime stage of a Space, or null when it does not exist.</summary>
    /// <param name="spaceId">The Space id.</param>
    /// <returns>The stage.</returns>
    public string? GetSpaceStage(string spaceId) => _services.Spaces.Find(spaceId)?.Stage;

    /// <summary>The app origin of a Space (its <c>host</c>), or null.</summary>
    /// <param name="spaceId">The Space id.</param>
    /// <returns>The origin.</returns>
    public Uri? GetSpaceHost(string spaceId) => _services.Spaces.Find(spaceId)?.App is { } app ? new Uri(app.Origin) : null;

    /// <summary>The value of a Space secret (never exposed by the API), or null.</summary>
    /// <param name="spaceId">The Space id.</param>
    /// <param name="key">The secret key.</param>
    /// <returns>The value.</returns>
    public string? GetSpaceSecret(string spaceId, string key)
    {
        var runtime = _services.Spaces.Find(spaceId);
        if (runtime is null)
        {
            return null;
        }

        lock (runtime.Gate)
        {
            return runtime.SecretValues.TryGetValue(key, out var value) ? value : null;
        }
    }

    /// <summary>Waits until a Space reaches <paramref name="stage"/>.</summary>
    /// <param name="spaceId">The Space id.</param>
    /// <param name="stage">The stage to wait for.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The stage.</returns>
    public Task<string> WaitForSpaceStageAsync(string spaceId, string stage, CancellationToken cancellationToken)
        => Space(spaceId).WaitForStageAsync(s => string.Equals(s, stage, StringComparison.Ordinal), cancellationToken);

    /// <summary>Waits until a Space leaves the intermediate stages (BUILDING, APP_STARTING, ...).</summary>
    /// <param name="spaceId">The Space id.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The settled stage (RUNNING, BUILD_ERROR, RUNTIME_ERROR, ...).</returns>
    public Task<string> WaitForSpaceSettledAsync(string spaceId, CancellationToken cancellationToken)
        => Space(spaceId).WaitForStageAsync(s => !IntermediateStages.Contains(s), cancellationToken);

    /// <summary>The stage of a Job, or null when it does not exist.</summary>
    /// <param name="jobId">The Job id.</param>
    /// <returns>The stage.</returns>
    public string? GetJobStage(string jobId) => _services.Jobs.Find(jobId)?.Stage;

    /// <summary>Jobs started so far.</summary>
    public int JobCount => _services.Jobs.All.Count();

    /// <summary>The stable id of a user (the <c>sub</c> of its OAuth sign-ins).</summary>
    /// <param name="user">The user name.</param>
    /// <returns>The id.</returns>
    public string GetUserId(string user) => _services.Tokens.UserId(user);

    /// <summary>Waits until a Job has finished (its process exited and its log is complete).</summary>
    /// <param name="jobId">The Job id.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The terminal stage (COMPLETED, ERROR, CANCELED).</returns>
    public Task<string> WaitForJobAsync(string jobId, CancellationToken cancellationToken)
        => (_services.Jobs.Find(jobId) ?? throw new ArgumentException($"No Job '{jobId}' in the Sandbox", nameof(jobId))).Finished.WaitAsync(cancellationToken);

    /// <summary>The folder of a bucket on disk (what a Job volume maps to).</summary>
    /// <param name="bucketId">The bucket id (<c>ns/name</c>).</param>
    /// <returns>The folder path.</returns>
    public string GetBucketFolder(string bucketId)
    {
        var parts = bucketId.Split('/');
        return parts.Length == 2 && _services.Buckets.Find(parts[0], parts[1]) is { } bucket
            ? bucket.Folder
            : throw new ArgumentException($"No bucket '{bucketId}' in the Sandbox", nameof(bucketId));
    }

    /// <summary>The requests the OpenAI-compatible <c>/v1/chat/completions</c> answered (or is holding), in order.</summary>
    public IReadOnlyList<Llm.LlmRequestRecord> LlmRequests => _services.Llm.Requests;

    /// <summary>Requests a <see cref="Llm.LlmTurn.Hang"/> turn is holding right now.</summary>
    public int HangingLlmRequests => _services.Llm.HangingRequests;

    /// <summary>Completes once a <c>/v1/chat/completions</c> request is held by a <see cref="Llm.LlmTurn.Hang"/> turn.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task.</returns>
    public Task WaitForHangingLlmRequestAsync(CancellationToken cancellationToken) => _services.Llm.WaitForHangAsync(cancellationToken);

    private Spaces.SpaceRuntime Space(string spaceId)
        => _services.Spaces.Find(spaceId) ?? throw new ArgumentException($"No Space '{spaceId}' in the Sandbox", nameof(spaceId));
}
