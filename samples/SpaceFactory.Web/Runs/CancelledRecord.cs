using SpaceFactory.Core;
using SpaceFactory.Core.Records;

namespace SpaceFactory.Web.Runs;

/// <summary>
/// After Cancel: the Hub sends the Job's worker SIGTERM and the worker ends the record <c>cancelled</c> a moment later.
/// The launcher waits for that end (a container's grace period at most), so the page shows the final record.
/// </summary>
internal static class CancelledRecord
{
    /// <summary>The 10 s grace period before SIGKILL, plus reading the Bucket.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    /// <summary>The record once it no longer says running; null when the worker was killed first (it then stays running).</summary>
    public static async Task<RunState?> WaitAsync(IRunReader records, RunId runId, TimeProvider clock, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + GracePeriod;
        try
        {
            while (true)
            {
                try
                {
                    if (await records.GetStateAsync(runId, cancellationToken).ConfigureAwait(false) is { Status: not RunStatus.Running } state)
                    {
                        return state;
                    }
                }
                catch (HttpRequestException)
                {
                    // The Bucket answered badly just now; the next read may work.
                }

                if (clock.GetUtcNow() >= deadline)
                {
                    return null;
                }

                await Task.Delay(Poll, clock, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null; // the app stops
        }
    }
}
