using Microsoft.Extensions.Logging;

namespace SpaceFactory.Sandbox;

/// <summary>How an <see cref="HfSandbox"/> behaves. Every property has a default that suits tests.</summary>
public sealed class HfSandboxOptions
{
    /// <summary>The user behind <see cref="HfSandbox.DefaultToken"/>. Default <c>sandbox-user</c>.</summary>
    public string DefaultUser { get; set; } = "sandbox-user";

    /// <summary>The default user's token; null (default) issues a random <c>hf_sandbox_…</c> token.</summary>
    public string? DefaultToken { get; set; }

    /// <summary>Where repos, buckets, uploads and Job folders are stored; null (default) uses a new temp folder.</summary>
    public string? DataRoot { get; set; }

    /// <summary>
    /// Keep the Sandbox's state in <see cref="DataRoot"/> (which it then requires): a Sandbox started on a folder that a
    /// previous one used finds its repos, Spaces (building again, so that a running one runs again), Buckets, ended Jobs
    /// with their logs and scheduled Jobs. The state is <c>state.json</c>, saved after each change and at dispose (written
    /// to a temporary file, then renamed); file contents stay files (<c>blobs/</c>, <c>buckets/</c>); secrets keep their
    /// names only. One Sandbox at a time per folder. A damaged state file fails the start with
    /// <see cref="SandboxDataException"/>. Default false: everything lives in memory and ends with the Sandbox.
    /// </summary>
    public bool PersistState { get; set; }

    /// <summary>Delete <see cref="DataRoot"/> on dispose. Null (default) deletes it only when the Sandbox created it.</summary>
    public bool? DeleteDataRootOnDispose { get; set; }

    /// <summary>Loopback port of the Hub endpoint; 0 (default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Clock of Space stage changes and Job timeouts (use a fake one in tests). Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How long a Space stays <c>BUILDING</c> after a commit. Default 200 ms; zero allowed.</summary>
    public TimeSpan BuildDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a Space stays <c>APP_STARTING</c>. Default 200 ms; zero allowed.</summary>
    public TimeSpan StartDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Check <c>app.py</c> with <c>python3 -m py_compile</c> during a Gradio Space build when <c>python3</c> is on PATH
    /// (a syntax error fails the build with the compiler's message). Default true.
    /// </summary>
    public bool CompileCheck { get; set; } = true;

    /// <summary>
    /// Opt-in: a Python that can import <c>gradio</c> (e.g. <c>python3</c> or a venv's <c>bin/python</c>). When set, a Gradio
    /// Space's committed app file is run for real (its files in a folder, the app on a free loopback port, the Space's
    /// variables and secrets in its environment) and the Space's app origin proxies to it, so validation exercises real
    /// inference. Null (default): the simulated runtime, from the manifest the generator commits.
    /// </summary>
    public string? GradioPython { get; set; }

    /// <summary>How long a real app (<see cref="GradioPython"/>) may take to serve <c>/config</c>. Default 5 minutes.</summary>
    public TimeSpan GradioStartTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Injected Space failures (BUILD_ERROR / RUNTIME_ERROR).</summary>
    public IList<SpaceFailureRule> SpaceFailures { get; } = [];

    /// <summary>Files larger than this go through LFS (preupload answers <c>lfs</c>). Default 10 MiB.</summary>
    public long LfsThresholdBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Files whose preupload sample contains a NUL byte go through LFS. Default true.</summary>
    public bool BinaryFilesUseLfs { get; set; } = true;

    /// <summary>
    /// Hardware flavors a Space may request (create or <c>/hardware</c>); others answer 402. Null (default) allows every
    /// known flavor.
    /// </summary>
    public ISet<string>? AllowedHardware { get; set; }

    /// <summary>
    /// How many Spaces may hold a flavor other than <c>cpu-basic</c> at once; beyond it requests answer 403.
    /// Null (default) means no quota.
    /// </summary>
    public int? UpgradedHardwareQuota { get; set; }

    /// <summary>Seed the built-in model repos (<c>sshleifer/tiny-gpt2</c> and others). Default true.</summary>
    public bool SeedModels { get; set; } = true;

    /// <summary>Fault injection rules, applied in order (the first rule whose path and method match decides).</summary>
    public IList<FaultRule> Faults { get; } = [];

    /// <summary>Seed of the fault injection random generator (same seed, same faults). Default 12345.</summary>
    public int FaultSeed { get; set; } = 12345;

    /// <summary>
    /// Per Job image, a rewrite of the argv (<c>command</c> + <c>arguments</c>) before it runs as a local process, e.g.
    /// map <c>python:3.12</c> to replace <c>python</c> with <c>python3</c>. Images not listed run the argv unchanged.
    /// </summary>
    public IDictionary<string, Func<IReadOnlyList<string>, IReadOnlyList<string>>> JobImageCommandMap { get; } =
        new Dictionary<string, Func<IReadOnlyList<string>, IReadOnlyList<string>>>(StringComparer.Ordinal);

    /// <summary>Timeout of a Job that sets no <c>timeoutSeconds</c>. Default 30 minutes (the Hub's).</summary>
    public TimeSpan JobDefaultTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Scripts the OpenAI-compatible <c>/v1/chat/completions</c> plays, by model id (or <c>model#task</c>), beside
    /// <see cref="Llm.BuiltInAgentScripts"/>: an offline stand-in for the Inference Providers router.
    /// </summary>
    public IDictionary<string, Llm.LlmScript> LlmScripts { get; } = new Dictionary<string, Llm.LlmScript>(StringComparer.Ordinal);

    /// <summary>Page size of list endpoints (Jobs, Buckets, bucket tree); the next page is in <c>Link</c>. Default 100.</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Interval of <c>: keep-alive</c> comments on idle log streams. Default 15 s (on <see cref="TimeProvider"/>).</summary>
    public TimeSpan LogKeepAlive { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The OAuth / OpenID Connect provider (<c>/oauth/*</c>): clients, users, granted scopes.</summary>
    public SandboxOAuthOptions OAuth { get; } = new();

    /// <summary>Logger factory for the Sandbox's own events; null (default) logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
