using Microsoft.Extensions.Configuration;

namespace SpaceFactory.Phases.Execution;

/// <summary>
/// How <see cref="HfJobExecutor"/> launches workers. Defaults follow the seed's variables:
/// <c>SPACE_FACTORY_BUCKET_SOURCE</c>, <c>SPACE_FACTORY_BUCKET_MOUNT</c> (<c>/output</c>),
/// <c>SPACE_FACTORY_JOB_FLAVOR</c> (<c>cpu-basic</c>), <c>SPACE_FACTORY_JOB_TIMEOUT</c> (<c>15m</c>) and
/// <c>SPACE_FACTORY_JOB_IMAGE</c>; <see cref="HfJobExecutorOptionsValidator"/> checks them at start.
/// </summary>
public sealed class HfJobExecutorOptions
{
    /// <summary>The variable of <see cref="BucketSource"/>.</summary>
    public const string BucketSourceVariable = "SPACE_FACTORY_BUCKET_SOURCE";

    /// <summary>The variable of <see cref="BucketMount"/>; the executor also hands it to the worker.</summary>
    public const string BucketMountVariable = "SPACE_FACTORY_BUCKET_MOUNT";

    /// <summary>The variable of <see cref="Flavor"/>.</summary>
    public const string FlavorVariable = "SPACE_FACTORY_JOB_FLAVOR";

    /// <summary>The variable of <see cref="Timeout"/>.</summary>
    public const string TimeoutVariable = "SPACE_FACTORY_JOB_TIMEOUT";

    /// <summary>The variable of <see cref="Image"/>.</summary>
    public const string ImageVariable = "SPACE_FACTORY_JOB_IMAGE";

    /// <summary>
    /// In <see cref="BucketSource"/>, stands for a user's name: a host that serves many users keeps each one's records in
    /// that user's Bucket and runs through <see cref="HfJobExecutor.ForUser(string)"/>.
    /// </summary>
    public const string UserPlaceholder = "{user}";

    /// <summary>
    /// The Bucket holding run records, e.g. <c>hf://buckets/me/spacefactory-runs</c> (required); it may name
    /// <see cref="UserPlaceholder"/>, e.g. <c>hf://buckets/{user}/spacefactory-runs</c>.
    /// </summary>
    public string? BucketSource { get; set; }

    /// <summary>Where the Bucket is mounted inside the Job. Default <c>/output</c>.</summary>
    public string BucketMount { get; set; } = "/output";

    /// <summary>The Job's hardware flavor. Default <c>cpu-basic</c>.</summary>
    public string Flavor { get; set; } = "cpu-basic";

    /// <summary>The Job's time limit, as the <c>hf</c> CLI writes it. Default <c>15m</c>.</summary>
    public string Timeout { get; set; } = "15m";

    /// <summary>The image the worker runs in: a Docker image or a Space (<c>hf.co/spaces/ns/name</c>) that carries the worker (required).</summary>
    public string? Image { get; set; }

    /// <summary>
    /// The command that starts the worker inside the image (it gets <see cref="WorkerArguments"/> and calls
    /// <see cref="HfJobWorker"/>). Default <c>spacefactory worker</c>.
    /// </summary>
    public IList<string> WorkerCommand { get; } = ["spacefactory", "worker"];

    /// <summary>How often the orchestrator reads the record back while the Job runs. Default 2 s.</summary>
    public TimeSpan FollowInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Reads the seed's variables from the environment into a new options object.</summary>
    /// <returns>The options.</returns>
    public static HfJobExecutorOptions FromEnvironment() => new HfJobExecutorOptions().Read(Environment.GetEnvironmentVariable);

    /// <summary>Sets every option whose variable the process environment holds; the others keep their values.</summary>
    /// <returns>These options.</returns>
    internal HfJobExecutorOptions ReadEnvironment() => Read(Environment.GetEnvironmentVariable);

    /// <summary>Sets every option whose variable <paramref name="configuration"/> holds (e.g. <c>SPACE_FACTORY_JOB_IMAGE</c>); the others keep their values.</summary>
    /// <param name="configuration">The configuration, e.g. environment variables and command-line settings.</param>
    /// <returns>These options.</returns>
    public HfJobExecutorOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Read(name => configuration[name]);
    }

    /// <summary>The one reader of the <c>SPACE_FACTORY_*</c> variables: blank values are unset, values are trimmed.</summary>
    private HfJobExecutorOptions Read(Func<string, string?> variable)
    {
        string? Get(string name) => variable(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
        BucketSource = Get(BucketSourceVariable) ?? BucketSource;
        BucketMount = Get(BucketMountVariable) ?? BucketMount;
        Flavor = Get(FlavorVariable) ?? Flavor;
        Timeout = Get(TimeoutVariable) ?? Timeout;
        Image = Get(ImageVariable) ?? Image;
        return this;
    }
}
