using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;

namespace SpaceFactory.Hf.Hub;

public partial class HubClient
{
    /// <summary>
    /// Follows a Space's runtime: yields the current runtime, then each one whose stage differs from the last, until
    /// the caller stops. It listens to the Hub's status stream (<c>GET /api/spaces/{id}/events</c>: one open request,
    /// changes seen as they happen) and, where that is refused or keeps failing, polls <c>/runtime</c> with a pause
    /// that starts at <see cref="SpaceWatchOptions.PollInterval"/> and doubles up to <see cref="SpaceWatchOptions.MaxPollInterval"/>.
    /// </summary>
    /// <param name="repoId">The Space id, <c>namespace/name</c>.</param>
    /// <param name="options">Stream and polling settings; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Stops watching and closes the stream.</param>
    /// <returns>The runtimes, one per stage change.</returns>
    /// <exception cref="HfNotFoundException">No such Space (from the runtime read of the polling fallback).</exception>
    public virtual async IAsyncEnumerable<SpaceRuntime> WatchSpaceRuntimeAsync(
        RepoId repoId,
        SpaceWatchOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        HubPaths.RequireNamespace(repoId, nameof(repoId));
        options ??= new SpaceWatchOptions();
        SpaceStage? last = null;
        var failures = 0;
        var reopen = false;
        while (options.UseEventStream && failures < Math.Max(1, options.MaxEventStreamFailures))
        {
            if (reopen)
            {
                // A stream that ended is reopened after a pause, so that a server closing it at once costs no request storm.
                await Task.Delay(options.PollInterval, _timeProvider, cancellationToken).ConfigureAwait(false);
            }

            reopen = true;
            var request = new HttpRequestMessage(HttpMethod.Get, $"{HubPaths.Space(repoId)}/events");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            Stream body;
            try
            {
                body = await _streaming.OpenAsync(request, options.EventStreamIdleTimeout, adaptBody: null, cancellationToken).ConfigureAwait(false);
            }
            catch (HfApiException ex)
            {
                // Refused (no such route, not allowed): this Hub offers no stream for this Space; polling will tell the rest.
                HubLog.SpaceEventsUnavailable(_logger, repoId, $"HTTP {(int)ex.StatusCode}");
                break;
            }
            catch (Exception ex) when (IsStreamFailure(ex, cancellationToken))
            {
                failures++;
                continue;
            }

            var delivered = false;
            await using (body.ConfigureAwait(false))
            {
                var events = SpaceEventReader.Open(body, cancellationToken);
                await using (events.ConfigureAwait(false))
                {
                    while (await NextEventAsync(events, cancellationToken).ConfigureAwait(false) is { } runtime)
                    {
                        delivered = true;
                        if (last is null || last.Value != runtime.Stage)
                        {
                            last = runtime.Stage;
                            yield return runtime;
                        }
                    }
                }
            }

            // A stream that closed or went quiet after telling something is reopened; one that told nothing counts as a failure.
            failures = delivered ? 0 : failures + 1;
        }

        if (options.UseEventStream && failures > 0)
        {
            HubLog.SpaceEventsUnavailable(_logger, repoId, $"{failures} failed or empty streams");
        }

        var delay = options.PollInterval;
        for (var polls = 1; ; polls++)
        {
            var runtime = await GetSpaceRuntimeAsync(repoId, cancellationToken).ConfigureAwait(false);
            var changed = last is null || last.Value != runtime.Stage;
            if (changed)
            {
                last = runtime.Stage;
                yield return runtime;
            }

            if (polls > 1)
            {
                // Changes come in runs (BUILDING → APP_STARTING → RUNNING): after one, look again soon.
                delay = changed && !options.BackOffAcrossChanges
                    ? options.PollInterval
                    : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxPollInterval.Ticks));
            }

            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The next runtime of the stream; <see langword="null"/> when it ended, went quiet or broke.</summary>
    private static async Task<SpaceRuntime?> NextEventAsync(IAsyncEnumerator<SseItem<SpaceRuntime?>> events, CancellationToken cancellationToken)
    {
        try
        {
            while (await events.MoveNextAsync().ConfigureAwait(false))
            {
                if (events.Current.Data is { } runtime)
                {
                    return runtime;
                }
            }
        }
        catch (Exception ex) when (IsStreamFailure(ex, cancellationToken))
        {
            // Reopened by the caller.
        }

        return null;
    }

    /// <summary>A stream that broke or went quiet (a transient failure, or a cancellation that was not the caller's): reopen it.</summary>
    private static bool IsStreamFailure(Exception ex, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && (ex is OperationCanceledException || HfException.IsTransientFailure(ex, cancellationToken));
}
