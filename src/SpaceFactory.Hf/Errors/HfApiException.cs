using System.Net;

namespace SpaceFactory.Hf;

/// <summary>
/// A Hugging Face endpoint answered with an error status. Carries what the server said about it.
/// </summary>
/// <remarks>
/// Created only by <see cref="HfApiExceptionFactory"/>. Subtypes exist where callers branch on the cause:
/// <see cref="HfNotFoundException"/>, <see cref="HfGatedRepoException"/>, <see cref="HfUnauthorizedException"/>,
/// <see cref="HfForbiddenException"/>, <see cref="HfConflictException"/>, <see cref="HfPaymentRequiredException"/>
/// and <see cref="HfRateLimitedException"/>. The request id (<c>x-request-id</c>) is <see cref="HfException.RequestId"/>.
/// The message never contains a token.
/// </remarks>
public class HfApiException : HfException
{
    /// <summary>Creates the exception; use <see cref="HfApiExceptionFactory"/> rather than calling this directly.</summary>
    /// <param name="details">What the server answered.</param>
    /// <param name="message">A human message naming the request and the server's reason.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    protected internal HfApiException(HfErrorDetails details, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentNullException.ThrowIfNull(details);
        Details = details;
        base.StatusCode = details.StatusCode;
        RequestId = details.RequestId;
    }

    /// <summary>Everything the server said about the error.</summary>
    public HfErrorDetails Details { get; }

    /// <summary>HTTP status code of the response (always present here, unlike <see cref="HfException.StatusCode"/>).</summary>
    public new HttpStatusCode StatusCode => Details.StatusCode;

    /// <summary>The Hub's machine-readable reason from <c>X-Error-Code</c>, e.g. <c>RepoNotFound</c>.</summary>
    public string? ErrorCode => Details.ErrorCode;

    /// <summary>The server's human message (<c>X-Error-Message</c>, else the body's <c>error</c>).</summary>
    public string? ServerMessage => Details.ServerMessage;

    /// <summary>Whether the same request may succeed later (5xx, 429, 408): the only place that decides it for an HTTP answer.</summary>
    public override bool IsTransient => Http.TransientStatus.Is(StatusCode);
}
