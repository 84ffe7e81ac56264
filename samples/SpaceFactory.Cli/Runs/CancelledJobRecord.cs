using SpaceFactory.Core;
using SpaceFactory.Core.Records;

namespace SpaceFactory.Cli.Runs;

/// <summary>
/// After a cancelled Job: the Hub sends its worker SIGTERM, and the worker ends the record <c>cancelled</c> a moment
/// later. The CLI waits for that end (a container's grace period at most) so that the summary and later verbs read the
/// final record, not one still saying <c>running</c>.
/// </summary>
internal static class CancelledJobRecord
{
    /// <summary>How long a cancelled Job's worker may take to end its record: the 10 s grace period before SIGKILL, plus reading.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>The record once it no longer says running; null when the worker was killed first (it then stays running).</summary>
    public static async Task<RunState?> WaitAsync(IRunReader records, RunId runId, TimeProvider clock, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + GracePeriod;
        while (true)
        {
            try
            {
                if (await records.GetStateAsync(runId, cancellationToken).ConfigureAwait(false) is { Status: not RunStatus.Running } state)
                {
                    return state;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
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
}
