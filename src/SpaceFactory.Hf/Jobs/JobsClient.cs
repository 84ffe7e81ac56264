using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SpaceFactory.Hf.Http;

namespace SpaceFactory.Hf.Jobs;

/// <summary>
/// Runs and watches Hugging Face Jobs: run (from a Docker image or a Space's image), inspect, list, cancel, hardware
/// flavors, the log stream and waiting for completion.
/// </summary>
/// <remarks>
/// <para>Registered by <c>services.AddHuggingFace()</c>. Every method takes an optional <c>namespace</c> (user or
/// organisation); without one the token ns's name is used, read once from <c>GET /api/whoami-v2</c> and cached per
/// token.</para>
/// <para>Secrets (<see cref="JobSecret"/>) travel only in the run request's <c>secrets</c> object.</para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF001")]
public partial class JobsClient
{
    /// <summary>How long a snapshot read (<see cref="JobLogOptions.Follow"/> off) waits for more lines, as the official client.</summary>
    private static readonly TimeSpan SnapshotIdleTimeout = TimeSpan.FromSeconds(5);

    private readonly HttpClient _http;
    private readonly HfStreamingHttpClient _streaming;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly TokenOwnerNamespace _tokenOwner = new();

    /// <summary>Creates the client; normally done by dependency injection.</summary>
    /// <param name="httpClient">A Hub API client (base address, token, retries), as registered by <c>AddHuggingFace</c>.</param>
    /// <param name="streamingClient">The client for long-lived streams (log stream).</param>
    /// <param name="logger">Receives warnings about unreadable log events and reconnects.</param>
    /// <param name="timeProvider">Clock for reconnect back-off and polling; defaults to the system clock.</param>
    public JobsClient(HttpClient httpClient, HfStreamingHttpClient streamingClient, ILogger<JobsClient>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(streamingClient);
        _http = httpClient;
        _streaming = streamingClient;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>For mocking frameworks only.</summary>
    protected JobsClient()
    {
        _http = null!;
        _streaming = null!;
        _logger = NullLogger.Instance;
        _timeProvider = TimeProvider.System;
    }

    private enum StreamStep
    {
        Line,
        Ended,
        Silent,
        Failed,
    }

    /// <summary>Starts a Job (<c>POST /api/jobs/{namespace}</c>).</summary>
    /// <param name="spec">What to run; validated before anything is sent.</param>
    /// <param name="owner">The user or organisation to run it under (and bill); <see langword="null"/> for the token ns.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new Job.</returns>
    /// <exception cref="ArgumentException">The spec is invalid; the message names the field (never a secret value).</exception>
    /// <exception cref="HfApiException">The Hub refused (e.g. <see cref="HfPaymentRequiredException"/> without credits).</exception>
    public virtual async Task<JobInfo> RunJobAsync(JobSpec spec, string? owner = null, CancellationToken cancellationToken = default)
    {
        var body = JobSpecValidator.ToRequest(spec);
        CheckNamespace(owner);
        var ns = await ResolveNamespaceAsync(owner, cancellationToken).ConfigureAwait(false);
        var request = HfHttp.JsonRequest(HttpMethod.Post, $"api/jobs/{Escape(ns)}", body, JobsJsonContext.Default.JobSpecRequest);
        var job = await HfHttp.SendForJsonAsync(_http, request, JobsJsonContext.Default.JobInfo, _timeProvider, cancellationToken).ConfigureAwait(false);
        return WithUrl(job);
    }

    /// <summary>Reads a Job (<c>GET /api/jobs/{namespace}/{id}</c>).</summary>
    /// <param name="jobId">The Job id.</param>
    /// <param name="owner">The Job's namespace; <see langword="null"/> for the token ns.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The Job.</returns>
    /// <exception cref="HfNotFoundException">No such Job in that namespace.</exception>
    public virtual async Task<JobInfo> InspectJobAsync(string jobId, string? owner = null, CancellationToken cancellationToken = default)
    {
        CheckJobId(jobId);
        CheckNamespace(owner);
        var ns = await ResolveNamespaceAsync(owner, cancellationToken).ConfigureAwait(false);
        var request = new HttpRequestMessage(HttpMethod.Get, $"api/jobs/{Escape(ns)}/{Escape(jobId)}");
        var job = await HfHttp.SendForJsonAsync(_http, request, JobsJsonContext.Default.JobInfo, _timeProvider, cancellationToken).ConfigureAwait(false);
        return WithUrl(job);
    }

    /// <summary>Lists Jobs (<c>GET /api/jobs/{namespace}?stage=…&amp;label=k=v</c>), following <c>Link</c> pages lazily.</summary>
    /// <param name="filter">Stages and labels to match; <see langword="null"/> for every Job.</param>
    /// <param name="owner">The namespace; <see langword="null"/> for the token ns.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>The Jobs, newest first as the Hub orders them.</returns>
    /// <exception cref="ArgumentException">A label filter is invalid.</exception>
    public virtual IAsyncEnumerable<JobInfo> ListJobsAsync(JobListFilter? filter = null, string? owner = null, CancellationToken cancellationToken = default)
    {
        var query = BuildListQuery(filter);
        CheckNamespace(owner);
        return ListJobsCoreAsync(query, owner, cancellationToken);
    }

    /// <summary>Cancels a Job (<c>POST /api/jobs/{namespace}/{id}/cancel</c>, no body).</summary>
    /// <param name="jobId">The Job id.</param>
    /// <param name="owner">The Job's namespace; <see langword="null"/> for the token ns.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the Hub accepted the cancellation.</returns>
    public virtual async Task CancelJobAsync(string jobId, string? owner = null, CancellationToken cancellationToken = default)
    {
        CheckJobId(jobId);
        CheckNamespace(owner);
        var ns = await ResolveNamespaceAsync(owner, cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/jobs/{Escape(ns)}/{Escape(jobId)}/cancel");
        using var response = await HfHttp.SendAsync(_http, request, _timeProvider, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Lists the hardware flavors Jobs can use, with prices (<c>GET /api/jobs/hardware</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The flavors.</returns>
    public virtual async Task<IReadOnlyList<JobHardware>> ListHardwareAsync(CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "api/jobs/hardware");
        return await HfHttp.SendForJsonAsync(_http, request, JobsJsonContext.Default.ListJobHardware, _timeProvider, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads a Job's log lines (<c>GET /api/jobs/{namespace}/{id}/logs</c>, server-sent events). Keep-alives are ignored
    /// and an unreadable event is skipped with a logged warning.
    /// </summary>
    /// <param name="jobId">The Job id.</param>
    /// <param name="options">Snapshot (default) or follow, tail and reconnect settings.</param>
    /// <param name="owner">The Job's namespace; <see langword="null"/> for the token ns.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    /// <returns>
    /// The lines in order. When following, a dropped connection or a long silence leads to a check of the Job's stage:
    /// the stream is reopened after a bounded back-off while the Job is not finished (lines already delivered are not
    /// delivered again) and ends once it is.
    /// </returns>
    /// <exception cref="HfNotFoundException">No such Job.</exception>
    /// <exception cref="IOException">The connection failed (snapshot), or failed more than <see cref="JobLogOptions.MaxReconnectAttempts"/> times in a row (follow).</exception>
    public virtual IAsyncEnumerable<JobLogLine> StreamLogsAsync(
        string jobId,
        JobLogOptions? options = null,
        string? owner = null,
        CancellationToken cancellationToken = default)
    {
        CheckJobId(jobId);
        CheckNamespace(owner);
        options ??= JobLogOptions.Snapshot;
        if (options.Tail is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Tail, "JobLogOptions.Tail must not be negative.");
        }

        if (options.IdleTimeout is { } idle && idle <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), idle, "JobLogOptions.IdleTimeout must be positive.");
        }

        if (options.MaxReconnectAttempts < 0 || options.MinReconnectDelay <= TimeSpan.Zero || options.MaxReconnectDelay < options.MinReconnectDelay)
        {
            throw new ArgumentException(
                "JobLogOptions needs MaxReconnectAttempts ≥ 0 and 0 < MinReconnectDelay ≤ MaxReconnectDelay.", nameof(options));
        }

        return StreamLogsCoreAsync(jobId, options, owner, cancellationToken);
    }

    /// <summary>Polls a Job until it reaches a terminal stage (COMPLETED, CANCELED, ERROR, DELETED), backing off between reads.</summary>
    /// <param name="jobId">The Job id.</param>
    /// <param name="timeProvider">Clock for the waits and the timeout; <see langword="null"/> for the client's.</param>
    /// <param name="options">Poll interval, back-off cap and timeout.</param>
    /// <param name="owner">The Job's namespace; <see langword="null"/> for the token ns.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The final status (an ERROR or CANCELED stage is returned, not thrown).</returns>
    /// <exception cref="TimeoutException">The Job did not finish within <see cref="JobWaitOptions.Timeout"/>.</exception>
    public virtual async Task<JobStatus> WaitForCompletionAsync(
        string jobId,
        TimeProvider? timeProvider = null,
        JobWaitOptions? options = null,
        string? owner = null,
        CancellationToken cancellationToken = default)
    {
        CheckJobId(jobId);
        CheckNamespace(owner);
        options ??= new JobWaitOptions();
        if (options.PollInterval <= TimeSpan.Zero || options.MaxPollInterval < options.PollInterval)
        {
            throw new ArgumentException("JobWaitOptions needs 0 < PollInterval ≤ MaxPollInterval.", nameof(options));
        }

        var clock = timeProvider ?? _timeProvider;
        var ns = await ResolveNamespaceAsync(owner, cancellationToken).ConfigureAwait(false);
        var started = clock.GetTimestamp();
        var delay = options.PollInterval;
        while (true)
        {
            var job = await InspectJobAsync(jobId, ns, cancellationToken).ConfigureAwait(false);
            if (job.Status.Stage.IsTerminal)
            {
                return job.Status;
            }

            var wait = delay;
            if (options.Timeout is { } limit)
            {
                var left = limit - clock.GetElapsedTime(started);
                if (left <= TimeSpan.Zero)
                {
                    throw new TimeoutException($"Job {ns}/{jobId} did not finish within {limit}; it is still {job.Status.Stage}.");
                }

                wait = wait > left ? left : wait;
            }

            await Task.Delay(wait, clock, cancellationToken).ConfigureAwait(false);
            delay = delay * 2 > options.MaxPollInterval ? options.MaxPollInterval : delay * 2;
        }
    }

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static void CheckJobId(string jobId)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        if (jobId.Length == 0 || jobId.Length > 100 || !jobId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException(
                $"Job id '{(jobId.Length > 100 ? jobId[..100] + "…" : jobId)}' is invalid; Job ids are letters and digits such as '687fb701029421ae5549d998'.",
                nameof(jobId));
        }
    }

    private static void CheckNamespace(string? owner)
    {
        if (owner is not null && RepoId.ValidatePart(owner, "namespace", RepoId.MaxNameLength) is { } error)
        {
            throw new ArgumentException($"Invalid Jobs namespace: {error}", nameof(owner));
        }
    }

    private static string BuildListQuery(JobListFilter? filter)
    {
        if (filter is null)
        {
            return string.Empty;
        }

        var query = new StringBuilder();
        foreach (var stage in filter.Stages ?? [])
        {
            if (stage.Value.Length == 0)
            {
                throw new ArgumentException("JobListFilter.Stages contains an unset stage.", nameof(filter));
            }

            query.Append(query.Length == 0 ? '?' : '&').Append("stage=").Append(Escape(stage.Value.ToUpperInvariant()));
        }

        foreach (var (key, value) in filter.Labels ?? new Dictionary<string, string>(StringComparer.Ordinal))
        {
            if ((JobSpecValidator.ValidateLabelPart(key, "label key", allowEmpty: false) ??
                 JobSpecValidator.ValidateLabelPart(value, $"the value of label '{key}'", allowEmpty: true)) is { } error)
            {
                throw new ArgumentException($"JobListFilter.Labels: {error}.", nameof(filter));
            }

            query.Append(query.Length == 0 ? '?' : '&').Append("label=").Append(Escape(key + "=" + value));
        }

        return query.ToString();
    }

    private static bool IsConnectionFailure(Exception exception, CancellationToken cancellationToken) =>
        exception switch
        {
            HfStreamIdleException => false,
            HfApiException api => (int)api.StatusCode >= 500,
            IOException or HttpRequestException => true,
            OperationCanceledException => !cancellationToken.IsCancellationRequested,
            _ => false,
        };

    private static string Describe(StreamStep step) => step switch
    {
        StreamStep.Ended => "ended",
        StreamStep.Silent => "stayed silent",
        _ => "failed",
    };

    private async IAsyncEnumerable<JobInfo> ListJobsCoreAsync(string query, string? owner, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ns = await ResolveNamespaceAsync(owner, cancellationToken).ConfigureAwait(false);
        var pages = LinkHeaderPager.EnumerateAsync(_http, $"api/jobs/{Escape(ns)}{query}", JobsJsonContext.Default.ListJobInfo, _timeProvider, cancellationToken);
        await foreach (var job in pages.ConfigureAwait(false))
        {
            yield return WithUrl(job);
        }
    }

    private async IAsyncEnumerable<JobLogLine> StreamLogsCoreAsync(
        string jobId,
        JobLogOptions options,
        string? owner,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var ns = await ResolveNamespaceAsync(owner, cancellationToken).ConfigureAwait(false);
        var path = $"api/jobs/{Escape(ns)}/{Escape(jobId)}/logs";
        var idleTimeout = options.IdleTimeout ?? (options.Follow ? null : SnapshotIdleTimeout);
        var cursor = new JobLogCursor();
        var failures = 0;
        var delay = options.MinReconnectDelay;
        var finalDrain = false;
        while (true)
        {
            var deliveredBefore = cursor.Delivered;

            // 'tail' only until something was delivered: afterwards the replay must start from the beginning for dedup.
            var uri = options.Tail is { } tail && cursor.Delivered == 0 ? $"{path}?tail={tail}" : path;
            var step = StreamStep.Ended;
            Exception? error = null;
            Stream? body = null;
            try
            {
                var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.Accept.ParseAdd("text/event-stream");
                body = await _streaming.OpenAsync(request, idleTimeout, adaptBody: null, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when ((options.Follow || finalDrain) && IsConnectionFailure(ex, cancellationToken))
            {
                (step, error) = (StreamStep.Failed, ex);
            }

            if (body is not null)
            {
                cursor.BeginConnection();
                var events = JobLogStreamReader.EnumerateEvents(body, "GET /" + path, cancellationToken);
                var eventNumber = 0L;
                try
                {
                    while (true)
                    {
                        // Only the wait is guarded (a yield cannot sit in a try with a catch).
                        try
                        {
                            step = await events.MoveNextAsync().ConfigureAwait(false) ? StreamStep.Line : StreamStep.Ended;
                        }
                        catch (HfStreamIdleException ex)
                        {
                            (step, error) = (StreamStep.Silent, ex);
                        }
                        catch (Exception ex) when (IsConnectionFailure(ex, cancellationToken))
                        {
                            (step, error) = (StreamStep.Failed, ex);
                        }

                        if (step != StreamStep.Line)
                        {
                            break;
                        }

                        eventNumber++;
                        var logEvent = events.Current;
                        if (logEvent.Problem is not null)
                        {
                            JobsLog.SkippedUnreadableLogEvent(_logger, jobId, eventNumber, logEvent.Problem);
                        }

                        if (logEvent.HasLine && JobLogStreamReader.IsNew(logEvent.Line, cursor, options.IncludeBanner))
                        {
                            yield return logEvent.Line;
                        }

                        if (logEvent.More is { } more)
                        {
                            foreach (var line in more)
                            {
                                if (JobLogStreamReader.IsNew(line, cursor, options.IncludeBanner))
                                {
                                    yield return line;
                                }
                            }
                        }
                    }
                }
                finally
                {
                    await events.DisposeAsync().ConfigureAwait(false);
                    await body.DisposeAsync().ConfigureAwait(false);
                }
            }

            if (!options.Follow || finalDrain)
            {
                if (step == StreamStep.Failed)
                {
                    ExceptionDispatchInfo.Throw(error!);
                }

                yield break;
            }

            if (step == StreamStep.Failed)
            {
                // Consecutive failures count only while no new line arrives.
                failures = cursor.Delivered > deliveredBefore ? 1 : failures + 1;
                JobsLog.LogStreamFailed(_logger, jobId, failures, options.MaxReconnectAttempts, error!.Message);
                if (failures > options.MaxReconnectAttempts)
                {
                    ExceptionDispatchInfo.Throw(error);
                }
            }
            else
            {
                failures = 0;
            }

            if (cursor.Delivered > deliveredBefore)
            {
                delay = options.MinReconnectDelay;
            }

            var job = await InspectJobAsync(jobId, ns, cancellationToken).ConfigureAwait(false);
            var reason = Describe(step);
            if (job.Status.Stage.IsTerminal)
            {
                JobsLog.LogStreamFinished(_logger, jobId, reason, job.Status.Stage.Value);
                if (step != StreamStep.Failed)
                {
                    yield break;
                }

                // The connection broke while the Job finished: read once more for the lines it may have missed.
                finalDrain = true;
                continue;
            }

            JobsLog.ReopeningLogStream(_logger, jobId, reason, job.Status.Stage.Value, delay.TotalSeconds);
            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
            delay = delay * 2 > options.MaxReconnectDelay ? options.MaxReconnectDelay : delay * 2;
        }
    }

    private async ValueTask<string> ResolveNamespaceAsync(string? owner, CancellationToken cancellationToken) =>
        owner ?? await _tokenOwner.GetAsync(_http, _timeProvider, cancellationToken).ConfigureAwait(false);

    private JobInfo WithUrl(JobInfo job) =>
        _http.BaseAddress is { } baseAddress
            ? job with { Url = new Uri(HfServiceCollectionExtensions.WithTrailingSlash(baseAddress), $"jobs/{Escape(job.Owner.Name)}/{Escape(job.Id)}") }
            : job;
}
