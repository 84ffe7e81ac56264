namespace SpaceFactory.Hf.Gradio;

/// <summary>
/// A Gradio app did not answer as the call needed. Subtypes say why: <see cref="GradioEndpointNotFoundException"/>,
/// <see cref="GradioValidationException"/>, <see cref="GradioQueueFullException"/>, <see cref="GradioAppException"/>,
/// <see cref="GradioAccessException"/>, <see cref="GradioStreamException"/>, <see cref="GradioProtocolException"/> and
/// <see cref="GradioSpaceUnavailableException"/>. Messages never contain a token.
/// </summary>
public abstract class GradioException : HfException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    protected GradioException(string message, Exception? innerException = null)
        : base(Http.TokenShapes.Redact(message) ?? string.Empty, innerException)
    {
    }

    /// <summary>
    /// True when trying again later may succeed: a 5xx or 429 answer, or a connection that failed (the transport
    /// failure inside); <see cref="GradioQueueFullException"/> and <see cref="GradioStreamException"/> always are. False
    /// for answers that will not change (unknown endpoint, refused inputs, no access).
    /// </summary>
    public override bool IsTransient =>
        StatusCode is { } status && SpaceFactory.Hf.Http.TransientStatus.Is(status)
        || InnerException is { } inner && IsTransientFailure(inner);
}
