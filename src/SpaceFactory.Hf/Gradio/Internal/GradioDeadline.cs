using System.Runtime.CompilerServices;

namespace SpaceFactory.Hf.Gradio.Internal;

/// <summary>
/// A total time limit on one piece of work with an app (reading its API, one call with its stream): an app that
/// trickles a byte at a time or sends only heartbeats defeats the idle timeout, so the whole is bounded as well.
/// Running out of time is a <see cref="GradioProtocolException"/> that names the option, never a bare cancellation.
/// </summary>
internal static class GradioDeadline
{
    public static async Task<T> RunAsync<T>(
        TimeSpan limit, string optionName, string what, TimeProvider timeProvider, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        using var deadline = Start(limit, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await work(linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (Expired(ex, deadline, cancellationToken))
        {
            throw Exceeded(limit, optionName, what);
        }
    }

    public static async IAsyncEnumerable<T> StreamAsync<T>(
        TimeSpan limit, string optionName, string what, TimeProvider timeProvider, Func<CancellationToken, IAsyncEnumerable<T>> work,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var deadline = Start(limit, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var items = work(linked.Token).GetAsyncEnumerator(linked.Token);
        await using (items.ConfigureAwait(false))
        {
            while (true)
            {
                try
                {
                    if (!await items.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }
                }
                catch (Exception ex) when (Expired(ex, deadline, cancellationToken))
                {
                    throw Exceeded(limit, optionName, what);
                }

                yield return items.Current;
            }
        }
    }

    private static CancellationTokenSource Start(TimeSpan limit, TimeProvider timeProvider) =>
        limit == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(limit, timeProvider);

    /// <summary>The deadline, not the caller, stopped the work (the stream may show it as a cancellation or a cut read).</summary>
    private static bool Expired(Exception ex, CancellationTokenSource deadline, CancellationToken cancellationToken) =>
        deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested &&
        ex is OperationCanceledException or IOException or TimeoutException or ObjectDisposedException or GradioProtocolException { InnerException: OperationCanceledException or IOException };

    /// <summary>No inner exception: a cut read under it would make the failure look transient, and it is not.</summary>
    private static GradioProtocolException Exceeded(TimeSpan limit, string optionName, string what) =>
        new($"{what} did not finish within {Words(limit)} ({nameof(GradioConnectOptions)}.{optionName}): the app kept the connection open without completing its answer, so the client gave up.");

    private static string Words(TimeSpan limit) =>
        limit.TotalMinutes >= 1 && limit.Seconds == 0 ? $"{limit.TotalMinutes:0.##} min" : $"{limit.TotalSeconds:0.###} s";
}
