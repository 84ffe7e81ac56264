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
/// Runs recipes inside Hugging Face Jobs: the run's token (the request secret <see cref="FactorySecrets.HubToken"/>)
/// goes to the Job only as the secret <c>HF_TOKEN</c>, the run Bucket is mounted at
/// <see cref="HfJobExecutorOptions.BucketMount"/>, and the worker (<see cref="HfJobWorker"/>, e.g. the CLI's
/// <c>worker</c> verb) runs the same steps with a <see cref="DirectoryRunStore"/> on the mount. The orchestrator follows
/// the Job and reads the record back through <see cref="BucketRunStore"/> (<see cref="Records"/>). Its own Jobs and
/// Bucket calls carry the clients' token: the configured one, or the host's <see cref="HfTokenScope"/>.
/// Register it with <c>AddHfJobExecutor</c>.
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
    private readonly BucketUri? _bucket;
    private readonly StepRetryOptions _retry;
    private readonly BucketRunStore? _records;

    /// <summary>Creates the executor.</summary>
    /// <param name="jobs">The Jobs client.</param>
    /// <param name="buckets">The Bucket client.</param>
    /// <param name="options">Where records go and what the Job runs (checked by <see cref="HfJobExecutorOptionsValidator"/>).</param>
    /// <param name="hfOptions">The Hub endpoint (passed on to the worker).</param>
    /// <param name="timeProvider">The clock for following and run ids.</param>
    /// <param name="retry">How often a launch whose answer was lost is looked for and sent again.</param>
    /// <exception cref="OptionsValidationException">An option is invalid; the message names each one and why.</exception>
    public HfJobExecutor(JobsClient jobs, BucketClient buckets, HfJobExecutorOptions options, IOptions<HfClientOptions> hfOptions, TimeProvider? timeProvider = null, StepRetryOptions? retry = null)
        : this(jobs, buckets, Validated(options, hfOptions), hfOptions.Value.ResolveEndpoint(), timeProvider ?? TimeProvider.System, retry ?? new StepRetryOptions(), user: null)
    {
    }

    private HfJobExecutor(JobsClient jobs, BucketClient buckets, HfJobExecutorOptions options, Uri endpoint, TimeProvider timeProvider, StepRetryOptions retry, string? user)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(buckets);
        _jobs = jobs;
        _buckets = buckets;
        _options = options;
        _timeProvider = timeProvider;
        _retry = retry;
        _endpoint = endpoint;
        var source = options.BucketSource!;
        if (user is not null)
        {
            source = source.Replace(HfJobExecutorOptions.UserPlaceholder, user, StringComparison.Ordinal);
        }

        if (!source.Contains(HfJobExecutorOptions.UserPlaceholder, StringComparison.Ordinal))
        {
            _bucket = BucketUri.Parse(source, endpoint);
            _records = new BucketRunStore(buckets, _bucket);
        }
    }

    /// <summary>The Bucket location the records go to.</summary>
    /// <exception cref="InvalidOperationException"><see cref="HfJobExecutorOptions.BucketSource"/> names <c>{user}</c>: use <see cref="ForUser(string)"/>.</exception>
    public BucketUri Bucket => _bucket ?? throw PerUser();

    /// <summary>The records, as read back from the Bucket.</summary>
    /// <exception cref="InvalidOperationException"><see cref="HfJobExecutorOptions.BucketSource"/> names <c>{user}</c>: use <see cref="ForUser(string)"/>.</exception>
    public IRunReader Records => _records ?? throw PerUser();

    /// <summary>
    /// The executor of one user, whose records go to <see cref="HfJobExecutorOptions.BucketSource"/> with
    /// <c>{user}</c> replaced by <paramref name="user"/>: how a host that serves many users with one set of clients
    /// keeps each one's runs in their own Bucket. Same clients, options and clock.
    /// </summary>
    /// <param name="user">The user's (or organization's) name on the Hub.</param>
    /// <returns>The executor.</returns>
    /// <exception cref="ArgumentException">The name is empty, or makes no valid Bucket location.</exception>
    public HfJobExecutor ForUser(string user)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        if (user.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{user}' is not a user name: it contains '/'.", nameof(user));
        }

        var source = _options.BucketSource!.Replace(HfJobExecutorOptions.UserPlaceholder, user, StringComparison.Ordinal);
        if (!BucketUri.TryParse(source, _endpoint, out _, out var error))
        {
            throw new ArgumentException($"The Bucket of user '{user}' is not valid: {error}", nameof(user));
        }

        return new HfJobExecutor(_jobs, _buckets, _options, _endpoint, _timeProvider, _retry, user);
    }

    /// <inheritdoc />
    public Task<RunResult> RunAsync(FactoryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var decided = request.WithRunId(_timeProvider);
        return LaunchAndFollowAsync(decided.Recipe, decided.RunId!.Value, decided.Parameters, decided.Target, decided.Secrets, resume: false, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<RunResult> ResumeAsync(RunId runId, IReadOnlyDictionary<string, string>? secrets = null, CancellationToken cancellationToken = default)
    {
        var state = await Records.GetStateAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"There is no run {runId} in {Records.Describe(runId)}.");
        return await LaunchAndFollowAsync(state.Recipe, runId, state.Parameters, state.Target, secrets ?? new Dictionary<string, string>(StringComparer.Ordinal), resume: true, cancellationToken).ConfigureAwait(false);
    }

    private static HfJobExecutorOptions Validated(HfJobExecutorOptions options, IOptions<HfClientOptions> hfOptions)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(hfOptions);
        var result = new HfJobExecutorOptionsValidator(hfOptions).Validate(Options.DefaultName, options);
        return result.Failed ? throw new OptionsValidationException(Options.DefaultName, typeof(HfJobExecutorOptions), result.Failures) : options;
    }

    private InvalidOperationException PerUser() => new(
        $"The run Bucket '{_options.BucketSource}' names {HfJobExecutorOptions.UserPlaceholder}: run through ForUser(name), which gives the executor of one user.");

    private async Task<RunResult> LaunchAndFollowAsync(
        string recipe, RunId runId, IReadOnlyDictionary<string, string> parameters, string? target, IReadOnlyDictionary<string, string> secrets, bool resume, CancellationToken cancellationToken)
    {
        if (!secrets.TryGetValue(FactorySecrets.HubToken, out var token) || string.IsNullOrWhiteSpace(token))
        {
            throw new ArgumentException($"Running in a Job needs the user's token as the request secret {FactorySecrets.HubToken}; it becomes the Job's secret and nothing else.", nameof(secrets));
        }

        var bucket = Bucket;
        await _buckets.CreateBucketAsync(bucket.Bucket, new BucketCreateOptions { ReuseExisting = true }, cancellationToken).ConfigureAwait(false);
        var mountRoot = bucket.IsRoot ? _options.BucketMount : $"{_options.BucketMount.TrimEnd('/')}/{bucket.Path}";
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { [HfJobExecutorOptions.BucketMountVariable] = _options.BucketMount };
        if (!string.Equals(_endpoint.AbsoluteUri, HfClientOptions.DefaultEndpoint.AbsoluteUri, StringComparison.Ordinal))
        {
            environment[HfJobWorker.EndpointVariable] = _endpoint.AbsoluteUri.TrimEnd('/');
        }

        var launch = Guid.NewGuid().ToString("N");
        var spec = new JobSpec
        {
            Image = JobImage.Parse(_options.Image!),
            Command = [.. _options.WorkerCommand],
            Arguments = WorkerArguments.Build(new WorkerInvocation(recipe, runId, mountRoot) { Parameters = parameters, Target = target, Resume = resume }),
            Environment = environment,
            Secrets = new Dictionary<string, JobSecret>(StringComparer.Ordinal) { [HfClientOptions.TokenVariable] = JobSecret.FromValue(token) },
            Flavor = new JobFlavor(_options.Flavor),
            Timeout = JobTimeout.Parse(_options.Timeout),
            Labels = new Dictionary<string, string>(StringComparer.Ordinal) { [RunLabel] = runId.Value, [LaunchLabel] = launch, ["recipe"] = recipe },
            Volumes = [JobVolume.Bucket(bucket.Bucket, _options.BucketMount, readOnly: false)],
        };

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
