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
        using var deadline = Start(limit, timeProvider, cancellationToken);
        try
        {
            return await work(deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (deadline.Expired(ex, cancellationToken))
        {
            throw Exceeded(limit, optionName, what);
        }
    }

    public static async IAsyncEnumerable<T> StreamAsync<T>(
        TimeSpan limit, string optionName, Func<string> what, TimeProvider timeProvider, Func<CancellationToken, IAsyncEnumerable<T>> work,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var deadline = Start(limit, timeProvider, cancellationToken);
        var items = work(deadline.Token).GetAsyncEnumerator(deadline.Token);
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
                catch (Exception ex) when (deadline.Expired(ex, cancellationToken))
                {
                    throw Exceeded(limit, optionName, what());
                }

                yield return items.Current;
            }
        }
    }

    /// <summary>
    /// Starts the clock: one timer-backed token source that the caller's token also cancels, and none at all
    /// without a limit (the work then runs with the caller's token).
    /// </summary>
    public static Scope Start(TimeSpan limit, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (limit == Timeout.InfiniteTimeSpan)
        {
            return new Scope(null, default, cancellationToken);
        }

        var timer = new CancellationTokenSource(limit, timeProvider);
        var link = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), timer)
            : default;
        return new Scope(timer, link, timer.Token);
    }

    /// <summary>No inner exception: a cut read under it would make the failure look transient, and it is not.</summary>
    public static GradioProtocolException Exceeded(TimeSpan limit, string optionName, string what) =>
        new($"{what} did not finish within {Words(limit)} ({nameof(GradioConnectOptions)}.{optionName}): the app kept the connection open without completing its answer, so the client gave up.");

    private static string Words(TimeSpan limit) =>
        limit.TotalMinutes >= 1 && limit.Seconds == 0 ? $"{limit.TotalMinutes:0.##} min" : $"{limit.TotalSeconds:0.###} s";

    /// <summary>A running deadline: the token the work runs with. Dispose it when the work ends.</summary>
    public readonly struct Scope(CancellationTokenSource? timer, CancellationTokenRegistration link, CancellationToken token) : IDisposable
    {
        /// <summary>Cancelled at the deadline or when the caller cancels.</summary>
        public CancellationToken Token { get; } = token;

        /// <summary>The deadline, not the caller, stopped the work (the stream may show it as a cancellation or a cut read).</summary>
        public bool Expired(Exception ex, CancellationToken cancellationToken) =>
            timer is { IsCancellationRequested: true } && !cancellationToken.IsCancellationRequested &&
            ex is OperationCanceledException or IOException or TimeoutException or ObjectDisposedException or GradioProtocolException { InnerException: OperationCanceledException or IOException };

        public void Dispose()
        {
            link.Dispose(); // first, so that a late cancellation by the caller never meets a disposed source
            timer?.Dispose();
        }
    }
}
