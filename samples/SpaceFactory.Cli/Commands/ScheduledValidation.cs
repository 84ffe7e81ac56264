using SpaceFactory.Cli.Hosting;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Buckets;
using SpaceFactory.Hf.Jobs;
using SpaceFactory.Phases.Execution;

namespace SpaceFactory.Cli.Commands;

/// <summary>
/// <c>validate --schedule</c>: a Hugging Face scheduled Job that runs this CLI's <c>validate</c> in the worker image on
/// every tick, with the run Bucket mounted as its record folder, so each check leaves a run record and one line of
/// <c>monitors/&lt;owner&gt;/&lt;space&gt;/history.jsonl</c> in the Bucket.
/// </summary>
internal static class ScheduledValidation
{
    /// <summary>The label naming the monitored Space (<c>owner--name</c>: labels allow no '/').</summary>
    public const string MonitorLabel = "spacefactory-monitor";

    public static async Task<(ScheduledJobInfo Job, string Bucket)> CreateAsync(
        FactoryConnection connection, RepoId space, string schedule, IReadOnlyDictionary<string, string> parameters, bool verbose, CancellationToken cancellationToken)
    {
        if (JobSchedule.Problem(schedule) is { } problem)
        {
            throw new CliInputException($"--schedule: {problem}.");
        }

        var options = HfJobExecutorOptions.FromEnvironment();
        if (options.Image is null || options.BucketSource is null)
        {
            throw new CliInputException(
                $"--schedule runs the check in a scheduled Job: set {HfJobExecutorOptions.ImageVariable} (an image carrying this CLI) and {HfJobExecutorOptions.BucketSourceVariable} (hf://buckets/<you>/spacefactory-runs, where each check's record and history go).");
        }

        using var clients = FactoryHost.BuildClients(connection, verbose);
        var endpoint = clients.Hf.Options.ResolveEndpoint();
        if (!BucketUri.TryParse(options.BucketSource, endpoint, out var bucket, out var error))
        {
            throw new CliInputException($"{HfJobExecutorOptions.BucketSourceVariable} '{options.BucketSource}' is not a Bucket location: {error}");
        }

        await clients.Hf.Buckets.CreateBucketAsync(bucket.Bucket, new BucketCreateOptions { ReuseExisting = true }, cancellationToken).ConfigureAwait(false);
        var mountRoot = bucket.IsRoot ? options.BucketMount : $"{options.BucketMount.TrimEnd('/')}/{bucket.Path}";
        var arguments = new List<string> { "validate", space.ToString(), "--record", mountRoot };
        foreach (var (name, value) in parameters)
        {
            arguments.Add("--" + name);
            arguments.Add(value);
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.Equals(endpoint.AbsoluteUri, HfClientOptions.DefaultEndpoint.AbsoluteUri, StringComparison.Ordinal))
        {
            environment["HF_ENDPOINT"] = endpoint.AbsoluteUri.TrimEnd('/');
        }

        var spec = new JobSpec
        {
            Image = JobImage.Parse(options.Image),
            Command = [options.WorkerCommand[0]],
            Arguments = arguments,
            Environment = environment,
            Secrets = new Dictionary<string, JobSecret>(StringComparer.Ordinal) { [HfClientOptions.TokenVariable] = JobSecret.FromValue(connection.Token ?? string.Empty) },
            Flavor = new JobFlavor(options.Flavor),
            Timeout = JobTimeout.Parse(options.Timeout),
            Labels = new Dictionary<string, string>(StringComparer.Ordinal) { [MonitorLabel] = $"{space.Namespace}--{space.Name}" },
            Volumes = [JobVolume.Bucket(bucket.Bucket, options.BucketMount, readOnly: false)],
        };
        var job = await clients.Hf.Jobs.CreateScheduledJobAsync(spec, schedule, cancellationToken: cancellationToken).ConfigureAwait(false);
        return (job, bucket.ToString());
    }
}
