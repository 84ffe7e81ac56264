namespace SpaceFactory.Phases.Execution;

/// <summary>
/// How <see cref="HfJobExecutor"/> launches workers. Defaults follow the seed's variables:
/// <c>SPACE_FACTORY_BUCKET_SOURCE</c>, <c>SPACE_FACTORY_BUCKET_MOUNT</c> (<c>/output</c>),
/// <c>SPACE_FACTORY_JOB_FLAVOR</c> (<c>cpu-basic</c>), <c>SPACE_FACTORY_JOB_TIMEOUT</c> (<c>15m</c>) and
/// <c>SPACE_FACTORY_JOB_IMAGE</c>.
/// </summary>
public sealed class HfJobExecutorOptions
{
    /// <summary>The Bucket holding run records, e.g. <c>hf://buckets/me/spacefactory-runs</c> (required).</summary>
    public string? BucketSource { get; set; }

    /// <summary>Where the Bucket is mounted inside the Job. Default <c>/output</c>.</summary>
    public string BucketMount { get; set; } = "/output";

    /// <summary>The Job's hardware flavor. Default <c>cpu-basic</c>.</summary>
    public string Flavor { get; set; } = "cpu-basic";

    /// <summary>The Job's time limit, as the <c>hf</c> CLI writes it. Default <c>15m</c>.</summary>
    public string Timeout { get; set; } = "15m";

    /// <summary>The image the worker runs in: a Docker image or a Space (<c>hf.co/spaces/ns/name</c>) that carries the CLI (required).</summary>
    public string? Image { get; set; }

    /// <summary>The command that starts the worker verb inside the image. Default <c>spacefactory worker</c>.</summary>
    public IList<string> WorkerCommand { get; } = ["spacefactory", "worker"];

    /// <summary>How often the orchestrator reads the record back while the Job runs. Default 2 s.</summary>
    public TimeSpan FollowInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Reads the seed's variables from the environment into a new options object.</summary>
    /// <returns>The options.</returns>
    public static HfJobExecutorOptions FromEnvironment()
    {
        var options = new HfJobExecutorOptions();
        options.BucketSource = Get("SPACE_FACTORY_BUCKET_SOURCE") ?? options.BucketSource;
        options.BucketMount = Get("SPACE_FACTORY_BUCKET_MOUNT") ?? options.BucketMount;
        options.Flavor = Get("SPACE_FACTORY_JOB_FLAVOR") ?? options.Flavor;
        options.Timeout = Get("SPACE_FACTORY_JOB_TIMEOUT") ?? options.Timeout;
        options.Image = Get("SPACE_FACTORY_JOB_IMAGE") ?? options.Image;
        return options;
    }

    private static string? Get(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value.Trim() : null;
}
