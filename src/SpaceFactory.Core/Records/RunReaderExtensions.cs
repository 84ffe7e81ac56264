namespace SpaceFactory.Core.Records;

/// <summary>Waiting on a record that another process ends, e.g. the worker of a cancelled Job.</summary>
public static class RunReaderExtensions
{
    /// <summary>
    /// How long a cancelled Job's worker may take to end its record: the Hub sends SIGTERM and SIGKILL 10 s later,
    /// plus a read of the store.
    /// </summary>
    public static readonly TimeSpan CancelledJobGracePeriod = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Reads the run's state until it no longer says <see cref="RunStatus.Running"/>, or <paramref name="timeout"/> has
    /// passed on <paramref name="clock"/>. A failed read (a store answering badly just now) is tried again at the next poll.
    /// </summary>
    /// <param name="records">Where the record is.</param>
    /// <param name="runId">The run.</param>
    /// <param name="timeout">How long to wait, e.g. <see cref="CancelledJobGracePeriod"/>.</param>
    /// <param name="clock">The clock that times the wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The ended state, or <see langword="null"/> when the record still says running at the deadline (its writer was killed first).</returns>
    public static async Task<RunState?> WaitUntilEndedAsync(this IRunReader records, RunId runId, TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(clock);
        var deadline = clock.GetUtcNow() + timeout;
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
                // The store answered badly just now; the next read may work.
            }

            if (clock.GetUtcNow() >= deadline)
            {
                return null;
            }

            await Task.Delay(Poll, clock, cancellationToken).ConfigureAwait(false);
        }
    }
}
