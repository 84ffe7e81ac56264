using System.Runtime.CompilerServices;
using SpaceFactory.Hf.Http;

namespace SpaceFactory.Hf.Jobs;

/// <summary>Scheduled Jobs (<c>/api/scheduled-jobs/{namespace}</c>): a Job spec the Hub runs on a schedule, as ordinary Jobs of the owner.</summary>
public partial class JobsClient
{
    /// <summary>Creates a scheduled Job (<c>POST /api/scheduled-jobs/{namespace}</c> with <c>{"jobSpec", "schedule", "suspend"?, "concurrency"?}</c>).</summary>
    /// <param name="spec">What each run runs; validated before anything is sent. Its secrets are stored by the Hub for every run.</param>
    /// <param name="schedule">A preset (<c>@hourly</c>, <c>@daily</c>, <c>@weekly</c>, <c>@monthly</c>, <c>@yearly</c>) or a five-field cron expression (UTC).</param>
    /// <param name="options">Suspended at creation, concurrent runs.</param>
    /// <param name="owner">The user or organisation; <see langword="null"/> for the token ns.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The scheduled Job.</returns>
    /// <exception cref="ArgumentException">The spec or the schedule is invalid; the message names what and why.</exception>
    public virtual async Task<ScheduledJobInfo> CreateScheduledJobAsync(JobSpec spec, string schedule, ScheduledJobOptions? options = null, string? owner = null, CancellationToken cancellationToken = default)
    {
        if (JobSchedule.Problem(schedule) is { } problem)
        {
            throw new ArgumentException($"Invalid schedule: {problem}.", nameof(schedule));
        }

        var body = new ScheduledJobRequest
        {
            JobSpec = JobSpecValidator.ToRequest(spec),
            Schedule = schedule.Trim(),
            Suspend = options?.Suspend,
            Concurrency = options?.Concurrency,
        };
        CheckNamespace(owner);
        var ns = await ResolveNamespaceAsync(owner, cancellationToken).ConfigureAwait(false);
        var request = HfHttp.JsonRequest(HttpMethod.Post, $"api/scheduled-jobs/{Escape(ns)}", body, JobsJsonContext.Default.ScheduledJobRequest);
        return await HfHttp.SendForJsonAsync(_http, request, JobsJsonContext.Default.ScheduledJobInfo, _timeProvider, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists scheduled Jobs (<c>GET /api/scheduled-jobs/{namespace}</c>), following <c>Link</c> pages lazily.</summary>
    /// <param name="owner">The namespace; <see langword="null"/> for the token ns.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The scheduled Jobs.</returns>
    public virtual IAsyncEnumerable<ScheduledJobInfo> ListScheduledJobsAsync(string? owner = null, CancellationToken cancellationToken = default)
    {
        CheckNamespace(owner);
        return ListScheduledCoreAsync(owner, cancellationToken);
    }

    /// <summary>Reads a scheduled Job (<c>GET /api/scheduled-jobs/{namespace}/{id}</c>).</summary>
    /// <param name="scheduledJobId">The scheduled Job's id.</param>
    /// <param name="owner">Its namespace; <see langword="null"/> for the token ns.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The scheduled Job.</returns>
    /// <exception cref="HfNotFoundException">No such scheduled Job in that namespace.</exception>
    public virtual Task<ScheduledJobInfo> InspectScheduledJobAsync(string scheduledJobId, string? owner = null, CancellationToken cancellationToken = default) =>
        SendScheduledAsync(HttpMethod.Get, scheduledJobId, action: null, owner, cancellationToken);

    /// <summary>Suspends a scheduled Job (<c>POST /api/scheduled-jobs/{namespace}/{id}/suspend</c>): no new runs until resumed.</summary>
    /// <param name="scheduledJobId">The scheduled Job's id.</param>
    /// <param name="owner">Its namespace; <see langword="null"/> for the token ns.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The scheduled Job after the change.</returns>
    public virtual Task<ScheduledJobInfo> SuspendScheduledJobAsync(string scheduledJobId, string? owner = null, CancellationToken cancellationToken = default) =>
        SendScheduledAsync(HttpMethod.Post, scheduledJobId, "suspend", owner, cancellationToken);

    /// <summary>Resumes a suspended scheduled Job (<c>POST /api/scheduled-jobs/{namespace}/{id}/resume</c>).</summary>
    /// <param name="scheduledJobId">The scheduled Job's id.</param>
    /// <param name="owner">Its namespace; <see langword="null"/> for the token ns.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The scheduled Job after the change.</returns>
    public virtual Task<ScheduledJobInfo> ResumeScheduledJobAsync(string scheduledJobId, string? owner = null, CancellationToken cancellationToken = default) =>
        SendScheduledAsync(HttpMethod.Post, scheduledJobId, "resume", owner, cancellationToken);

    /// <summary>Deletes a scheduled Job (<c>DELETE /api/scheduled-jobs/{namespace}/{id}</c>); the Jobs it ran stay.</summary>
    /// <param name="scheduledJobId">The scheduled Job's id.</param>
    /// <param name="owner">Its namespace; <see langword="null"/> for the token ns.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the Hub deleted it.</returns>
    public virtual async Task DeleteScheduledJobAsync(string scheduledJobId, string? owner = null, CancellationToken cancellationToken = default)
    {
        CheckJobId(scheduledJobId);
        CheckNamespace(owner);
        var ns = await ResolveNamespaceAsync(owner, cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"api/scheduled-jobs/{Escape(ns)}/{Escape(scheduledJobId)}");
        using var response = await HfHttp.SendAsync(_http, request, _timeProvider, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a run of a scheduled Job now, outside its schedule (<c>POST /api/scheduled-jobs/{namespace}/{id}/run</c>).</summary>
    /// <param name="scheduledJobId">The scheduled Job's id.</param>
    /// <param name="owner">Its namespace; <see langword="null"/> for the token ns.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The Job of the run.</returns>
    /// <exception cref="HfConflictException">The previous run still runs and concurrency is off.</exception>
    public virtual async Task<JobInfo> RunScheduledJobNowAsync(string scheduledJobId, string? owner = null, CancellationToken cancellationToken = default)
    {
        CheckJobId(scheduledJobId);
        CheckNamespace(owner);
        var ns = await ResolveNamespaceAsync(owner, cancellationToken).ConfigureAwait(false);
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/scheduled-jobs/{Escape(ns)}/{Escape(scheduledJobId)}/run");
        var job = await HfHttp.SendForJsonAsync(_http, request, JobsJsonContext.Default.JobInfo, _timeProvider, cancellationToken).ConfigureAwait(false);
        return WithUrl(job);
    }

    private async Task<ScheduledJobInfo> SendScheduledAsync(HttpMethod method, string scheduledJobId, string? action, string? owner, CancellationToken cancellationToken)
    {
        CheckJobId(scheduledJobId);
        CheckNamespace(owner);
        var ns = await ResolveNamespaceAsync(owner, cancellationToken).ConfigureAwait(false);
        var path = $"api/scheduled-jobs/{Escape(ns)}/{Escape(scheduledJobId)}" + (action is null ? string.Empty : "/" + action);
        var request = new HttpRequestMessage(method, path);
        return await HfHttp.SendForJsonAsync(_http, request, JobsJsonContext.Default.ScheduledJobInfo, _timeProvider, cancellationToken).ConfigureAwait(false);
    }

    private async IAsyncEnumerable<ScheduledJobInfo> ListScheduledCoreAsync(string? owner, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ns = await ResolveNamespaceAsync(owner, cancellationToken).ConfigureAwait(false);
        var pages = LinkHeaderPager.EnumerateAsync(_http, $"api/scheduled-jobs/{Escape(ns)}", JobsJsonContext.Default.ListScheduledJobInfo, _timeProvider, cancellationToken);
        await foreach (var job in pages.ConfigureAwait(false))
        {
            yield return job;
        }
    }
}
