using System.Net;

namespace SpaceFactory.Hf.Gradio;

/// <summary>
/// A Gradio app did not answer as the call needed. Subtypes say why: <see cref="GradioEndpointNotFoundException"/>,
/// <see cref="GradioValidationException"/>, <see cref="GradioQueueFullException"/>, <see cref="GradioAppException"/>,
/// <see cref="GradioAccessException"/>, <see cref="GradioStreamException"/>, <see cref="GradioProtocolException"/> and
/// <see cref="GradioSpaceUnavailableException"/>. Messages never contain a token.
/// </summary>
public abstract class GradioException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    protected GradioException(string message, Exception? innerException = null)
        : base(Http.TokenShapes.Redact(message), innerException)
    {
    }

    /// <summary>The HTTP status of the answer that caused the error, when there was one.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>
    /// True when trying again later may succeed: a busy app or full queue, a 5xx or 429, a cut result stream, or a
    /// connection that failed. False for answers that will not change (unknown endpoint, refused inputs, no access).
    /// </summary>
    public bool IsTransient => this is GradioQueueFullException or GradioStreamException
        || StatusCode is { } status && SpaceFactory.Hf.Http.TransientStatus.Is(status)
        || InnerException is HttpRequestException or IOException or TimeoutException;
}
