namespace SpaceFactory.Hf;

/// <summary>
/// Settings shared by every Hugging Face client: where the Hub is, which token to send and how to retry.
/// </summary>
/// <remarks>
/// Unset values fall back to the environment the way the official clients do: <see cref="Endpoint"/> to
/// <c>HF_ENDPOINT</c>, then <c>https://huggingface.co</c>; <see cref="Token"/> to <c>HF_TOKEN</c>.
/// The token is never logged and never appears in <see cref="ToString"/>.
/// </remarks>
public sealed class HfClientOptions
{
    /// <summary>The public Hub used when neither the options nor <c>HF_ENDPOINT</c> name another.</summary>
    public static readonly Uri DefaultEndpoint = new("https://huggingface.co");

    /// <summary>
    /// The environment variable that holds the token when <see cref="Token"/> is not set: <c>HF_TOKEN</c>, as the
    /// official clients read it (and as a Job receives its token secret).
    /// </summary>
    public const string TokenVariable = "HF_TOKEN";

    /// <summary>Configuration section conventionally bound to these options.</summary>
    public const string SectionName = "SpaceFactory:Hf";

    /// <summary>Base address of the Hub, e.g. <c>https://huggingface.co</c> or a local Sandbox.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>User or OAuth access token sent as <c>Authorization: Bearer</c> to the Hub host only.</summary>
    public string? Token { get; set; }

    /// <summary>Extra product token appended to the <c>User-Agent</c>, e.g. <c>"MyPortal/2.1"</c>.</summary>
    public string? UserAgentSuffix { get; set; }

    /// <summary>Total time allowed for one non-streaming call, retries included. Default 100 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Time allowed for one attempt of a non-streaming call. Default 30 s.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a stream (logs, SSE results) may stay silent before it is treated as dropped. Default 60 s.</summary>
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Largest JSON answer read from the Hub, Jobs or Bucket API: a longer one (an endless body from a broken server
    /// or proxy) ends with an <see cref="HfProtocolException"/> after at most this many bytes. Default 32 MiB.
    /// </summary>
    public long MaxJsonBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Retries after the first attempt for idempotent requests (408, 429, 5xx, connection failures). Default 5.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>First back-off delay; it doubles per retry up to <see cref="RetryMaxDelay"/>. Default 1 s.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest back-off delay computed by the client. Default 8 s, as the official Python client.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// Longest server-requested wait (<c>Retry-After</c> or <c>RateLimit</c>) the client will honour by waiting;
    /// a longer one surfaces at once as <see cref="HfRateLimitedException"/>. Default 60 s.
    /// </summary>
    public TimeSpan MaxServerRequestedDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The endpoint actually used: <see cref="Endpoint"/>, else <c>HF_ENDPOINT</c>, else the public Hub.</summary>
    public Uri ResolveEndpoint()
    {
        if (Endpoint is not null)
        {
            return Endpoint;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("HF_ENDPOINT");
        return string.IsNullOrWhiteSpace(fromEnvironment)
            ? DefaultEndpoint
            : new Uri(fromEnvironment.Trim().TrimEnd('/'), UriKind.Absolute);
    }

    /// <summary>The token actually used: <see cref="Token"/>, else <c>HF_TOKEN</c>, else none.</summary>
    /// <returns>The trimmed token, or <see langword="null"/> when none is configured.</returns>
    public string? ResolveToken()
    {
        var token = string.IsNullOrWhiteSpace(Token) ? Environment.GetEnvironmentVariable(TokenVariable) : Token;
        token = token?.Replace("\r", string.Empty, StringComparison.Ordinal)
            .Replace("\n", string.Empty, StringComparison.Ordinal)
            .Trim();
        return string.IsNullOrEmpty(token) ? null : token;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"HfClientOptions {{ Endpoint = {ResolveEndpoint()}, Token = {(ResolveToken() is null ? "none" : "***")} }}";
}
