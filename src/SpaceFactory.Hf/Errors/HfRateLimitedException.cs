namespace SpaceFactory.Hf;

/// <summary>The Hub answered 429 and retries were exhausted or the requested wait was too long to honour.</summary>
public sealed class HfRateLimitedException : HfApiException
{
    internal HfRateLimitedException(HfErrorDetails details, string message)
        : base(details, message)
    {
    }

    /// <summary>How long the server asked the client to wait before trying again, when it said so.</summary>
    public TimeSpan? RetryAfter => Details.RetryAfter;
}
