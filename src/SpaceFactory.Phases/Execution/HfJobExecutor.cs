using Microsoft.Extensions.Options;
using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Core.Records;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Buckets;
using SpaceFactory.Hf.Jobs;
using SpaceFactory.Phases.Steps;

namespace SpaceFactory.Phases.Execution;

/// <summary>
/// Runs recipes inside Hugging Face Jobs: the user's token goes to the Job only as the secret <c>HF_TOKEN</c>, the
/// run Bucket is mounted at <see cref="HfJobExecutorOptions.BucketMount"/>, and the worker (the CLI's <c>worker</c>
/// verb) runs the same steps with a <see cref="DirectoryRunStore"/> on the mount. The orchestrator follows the Job and
/// reads the record back through <see cref="BucketRunStore"/>.
/// </summary>
public sealed class HfJobExecutor : IRunExecutor
{
    /// <summary>The Job label that carries the run id.</summary>
    public const string RunLabel = "spacefactory-run";

    /// <summary>The Job label unique to one launch, by which a launch whose answer was lost is found again.</summary>
    public const string LaunchLabel = "spacefactory-launch";

    private readonly JobsClient _jobs;
    private readonly BucketClient _buckets;
    private readonly HfJobExecutorOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Uri _endpoint;
    private readonly BucketUri _bucket;
    private readonly StepRetryOptions _retry;

    /// <summary>Creates the executor.</summary>
    /// <param name="jobs">The Jobs client.</param>
    /// <param name="buckets">The Bucket client.</param>
    /// <param name="options">Where records go and what the Job runs.</param>
    /// <param name="hfOptions">The Hub endpoint (passed on to the worker).</param>
    /// <param name="timeProvider">The clock for following.</param>
    /// <param name="retry">How often a launch whose answer was lost is looked for and sent again.</param>
    public HfJobExecutor(JobsClient jobs, BucketClient buckets, HfJobExecutorOptions options, IOptions<HfClientOptions> hfOptions, TimeProvider? timeProvider = null, StepRetryOptions? retry = null)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(buckets);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(hfOptions);
        _jobs = jobs;
        _buckets = buckets;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _retry = retry ?? new StepRetryOptions();
        _endpoint = hfOptions.Value.ResolveEndpoint();
        _bucket = BucketUri.Parse(options.BucketSource ?? throw new ArgumentException("SPACE_FACTORY_BUCKET_SOURCE (HfJobExecutorOptions.BucketSource) is required to run in a Job.", nameof(options)), _endpoint);
        if (string.IsNullOrWhiteSpace(options.Image))
        {
            throw new ArgumentException("SPACE_FACTORY_JOB_IMAGE (HfJobExecutorOptions.Image) is required to run in a Job: an image or Space that carries the SpaceFactory CLI.", nameof(options));
        }

        Records = new BucketRunStore(buckets, _bucket);
    }

    /// <summary>The records, as read back from the Bucket.</summary>
    public IRunReader Records { get; }

    /// <inheritdoc />
    public Task<RunResult> RunAsync(FactoryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var runId = request.RunId ?? RunId.New(_timeProvider);
        return LaunchAndFollowAsync(request.Recipe, runId, request.Parameters, request.Target, request.Secrets, resume: false, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<RunResult> ResumeAsync(RunId runId, IReadOnlyDictionary<string, string>? secrets = null, CancellationToken cancellationToken = default)
    {
        var state = await Records.GetStateAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"There is no run {runId} in {Records.Describe(runId)}.");
        return await LaunchAndFollowAsync(state.Recipe, runId, state.Parameters, state.Target, secrets ?? new Dictionary<string, string>(StringComparer.Ordinal), resume: true, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RunResult> LaunchAndFollowAsync(
        string recipe, RunId runId, IReadOnlyDictionary<string, string> parameters, string? target, IReadOnlyDictionary<string, string> secrets, bool resume, CancellationToken cancellationToken)
    {
        if (!secrets.TryGetValue("HF_TOKEN", out var token) || string.IsNullOrWhiteSpace(token))
        {
            throw new ArgumentException("Running in a Job needs the user's token as the secret HF_TOKEN; it becomes the Job's secret and nothing else.", nameof(secrets));
        }

        await _buckets.CreateBucketAsync(_bucket.Bucket, new BucketCreateOptions { ReuseExisting = true }, cancellationToken).ConfigureAwait(false);
        var mountRoot = _bucket.IsRoot ? _options.BucketMount : $"{_options.BucketMount.TrimEnd('/')}/{_bucket.Path}";
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["SPACE_FACTORY_BUCKET_MOUNT"] = _options.BucketMount };
        if (!string.Equals(_endpoint.AbsoluteUri, HfClientOptions.DefaultEndpoint.AbsoluteUri, StringComparison.Ordinal))
        {
            environment["HF_ENDPOINT"] = _endpoint.AbsoluteUri.TrimEnd('/');
        }

        var launch = Guid.NewGuid().ToString("N");
        var spec = new JobSpec
        {
            Image = JobImage.Parse(_options.Image!),
            Command = [.. _options.WorkerCommand],
            Arguments = WorkerArguments.Build(recipe, runId.Value, mountRoot, parameters, target, resume),
            Environment = environment,
            Secrets = new Dictionary<string, JobSecret>(StringComparer.Ordinal) { ["HF_TOKEN"] = JobSecret.FromValue(token) },
            Flavor = new JobFlavor(_options.Flavor),
            Timeout = JobTimeout.Parse(_options.Timeout),
            Labels = new Dictionary<string, string>(StringComparer.Ordinal) { [RunLabel] = runId.Value, [LaunchLabel] = launch, ["recipe"] = recipe },
            Volumes = [JobVolume.Bucket(_bucket.Bucket, _options.BucketMount, readOnly: false)],
        };

        using var scope = HfTokenScope.Begin(token);
        var job = await LaunchOrAdoptAsync(spec, launch, cancellationToken).ConfigureAwait(false);
        try
        {
            var status = await _jobs.WaitForCompletionAsync(job.Id, _timeProvider, cancellationToken: cancellationToken).ConfigureAwait(false);
            var state = await Records.GetStateAsync(runId, CancellationToken.None).ConfigureAwait(false);
            if (state is null)
            {
                return new RunResult(runId, RunStatus.Failed,
                    new RunOutcome(OutcomeCode.InternalError, $"Job {job.Id} ended {status.Stage} ({status.Message ?? "no message"}) before the worker wrote a record"),
                    Records.Describe(runId));
            }

            if (state.Status == RunStatus.Running)
            {
                return new RunResult(runId, RunStatus.Failed,
                    new RunOutcome(OutcomeCode.Interrupted, $"Job {job.Id} ended {status.Stage} while the run was in step '{state.CurrentStep}'; resume it"),
                    Records.Describe(runId));
            }

            return new RunResult(runId, state.Status, state.Outcome, Records.Describe(runId));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _jobs.CancelJobAsync(job.Id, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Starts the Job. Starting one is not idempotent: after a lost answer it looks for a Job with this launch's label
    /// and adopts it; only when there is none is the launch sent again.
    /// </summary>
    private Task<JobInfo> LaunchOrAdoptAsync(JobSpec spec, string launch, CancellationToken cancellationToken) =>
        StepRetry.SendOrAdoptAsync(
            _retry,
            _timeProvider,
            ct => _jobs.RunJobAsync(spec, cancellationToken: ct),
            async ct =>
            {
                var filter = new JobListFilter { Labels = new Dictionary<string, string>(StringComparer.Ordinal) { [LaunchLabel] = launch } };
                await foreach (var started in _jobs.ListJobsAsync(filter, cancellationToken: ct).ConfigureAwait(false))
                {
                    return started;
                }

                return null;
            },
            cancellationToken);
}
