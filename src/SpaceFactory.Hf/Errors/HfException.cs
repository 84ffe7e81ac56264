using System.Net;
using Polly.Timeout;

namespace SpaceFactory.Hf;

/// <summary>
/// The root of every failure the Hugging Face clients raise: <see cref="HfApiException"/> (an error answer),
/// <see cref="HfProtocolException"/> (an answer that cannot be understood), <see cref="HfStreamIdleException"/> (a stream
/// that went silent) and <see cref="Gradio.GradioException"/> (a Gradio app that did not answer as needed).
/// </summary>
/// <remarks>
/// Whether trying again may help is decided here, once: each exception says it through <see cref="IsTransient"/>, and
/// <see cref="IsTransientFailure"/> adds the transport failures of .NET itself. Messages never contain a token.
/// </remarks>
public abstract class HfException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened, naming the request or the app.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    protected HfException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Whether the same request may succeed later: a 5xx, 429 or 408 answer, a busy app, a cut or silent stream, a
    /// connection that failed. False for answers that will not change (not found, refused, unreadable).
    /// </summary>
    public abstract bool IsTransient { get; }

    /// <summary>The HTTP status of the answer that caused the failure, when there was one.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>The server's request id to quote to Hugging Face support, when it sent one.</summary>
    public string? RequestId { get; init; }

    /// <summary>
    /// The one rule for "may succeed later": an <see cref="HfException"/> that <see cref="IsTransient">is transient</see>,
    /// or a transport failure (<see cref="HttpRequestException"/>, <see cref="IOException"/>, <see cref="TimeoutException"/>,
    /// a timed-out attempt, an <see cref="HttpClient"/> timeout), unless <paramref name="cancellationToken"/> was cancelled.
    /// </summary>
    /// <param name="exception">The failure.</param>
    /// <param name="cancellationToken">The caller's token: a failure after it was cancelled is never tried again.</param>
    /// <returns>Whether trying again may succeed.</returns>
    public static bool IsTransientFailure(Exception? exception, CancellationToken cancellationToken = default) =>
        !cancellationToken.IsCancellationRequested && exception switch
        {
            HfException hf => hf.IsTransient,
            HttpRequestException or IOException or TimeoutException or TimeoutRejectedException => true,
            TaskCanceledException { InnerException: TimeoutException } => true,
            _ => false,
        };
}
