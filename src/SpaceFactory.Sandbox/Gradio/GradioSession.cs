using System.Threading.Channels;

namespace SpaceFactory.Sandbox.Gradio;

/// <summary>
/// One queue session (<c>session_hash</c>): messages wait here until <c>queue/data</c> reads them; the stream closes
/// (with <c>close_stream</c>) once every joined event has completed.
/// </summary>
internal sealed class GradioSession
{
    private int _pending;

    public Channel<GradioQueueMessage> Messages { get; } = Channel.CreateUnbounded<GradioQueueMessage>();

    /// <summary>Registers a joined event (before its messages are queued).</summary>
    public void Join() => Interlocked.Increment(ref _pending);

    /// <summary>Records that a completion was sent; true when no event of the session is pending any more.</summary>
    public bool Complete() => Interlocked.Decrement(ref _pending) <= 0;
}
