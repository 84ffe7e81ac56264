using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpaceFactory.Sandbox.Auth;
using SpaceFactory.Sandbox.Buckets;
using SpaceFactory.Sandbox.Hub;
using SpaceFactory.Sandbox.Infrastructure;
using SpaceFactory.Sandbox.Jobs;
using SpaceFactory.Sandbox.Spaces;

namespace SpaceFactory.Sandbox;

/// <summary>Everything the Sandbox's handlers share: options, stores, counters and the public endpoint.</summary>
internal sealed class SandboxServices
{
    public SandboxServices(HfSandboxOptions options, string dataRoot)
    {
        Options = options;
        DataRoot = dataRoot;
        TimeProvider = options.TimeProvider;
        Logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("SpaceFactory.Sandbox");
        Tokens = new TokenRegistry(TimeProvider);
        Repos = new RepoStore(new BlobStore(dataRoot), TimeProvider);
        FaultRandom = new Random(options.FaultSeed);
        Spaces = new SpaceRuntimeManager(this);
        Jobs = new JobManager(this);
        ScheduledJobs = new ScheduledJobManager(this);
        Buckets = new BucketStore(this);
        Llm = new Llm.ScriptedLlm(options.LlmScripts);
    }

    public HfSandboxOptions Options { get; }

    public string DataRoot { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    public TokenRegistry Tokens { get; }

    public Llm.ScriptedLlm Llm { get; }

    public RepoStore Repos { get; }

    public SandboxStatistics Statistics { get; } = new();

    /// <summary>The seeded generator of fault injection (shared by the Hub and every Space app).</summary>
    public Random FaultRandom { get; }

    public Lock FaultGate { get; } = new();

    public SpaceRuntimeManager Spaces { get; }

    public JobManager Jobs { get; }

    /// <summary>Scheduled Jobs and their timers.</summary>
    public ScheduledJobManager ScheduledJobs { get; }

    public BucketStore Buckets { get; }

    /// <summary>Saves the state of a persistent Sandbox (<see cref="HfSandboxOptions.PersistState"/>); null otherwise.</summary>
    public Persistence.StatePersister? Persister { get; set; }

    /// <summary>Notes a change of state (a persistent Sandbox saves it soon).</summary>
    public void Changed() => Persister?.MarkDirty();

    /// <summary>The Hub endpoint, without trailing slash (set once the server listens).</summary>
    public string BaseUrl { get; set; } = "";

    /// <summary>An absolute URL on the Hub endpoint.</summary>
    public string Url(string path) => BaseUrl + path;
}
