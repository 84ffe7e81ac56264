namespace SpaceFactory.Hf.Hub;

/// <summary>Settings specific to <see cref="HubClient"/> (the shared HTTP settings live in <see cref="HfClientOptions"/>).</summary>
/// <remarks>Configure with <c>services.Configure&lt;HubClientOptions&gt;(...)</c> or the <c>Hub</c> sub-section of the bound configuration.</remarks>
public sealed class HubClientOptions
{
    /// <summary>Largest model card (README.md) read, in bytes; a longer card is cut and flagged <see cref="ModelCard.IsTruncated"/>. Default 1 MiB.</summary>
    public const int DefaultMaxModelCardBytes = 1024 * 1024;

    /// <summary>
    /// How long a <see cref="HubClient.WhoAmIAsync"/> answer is reused for the same token. The endpoint is heavily
    /// rate-limited, so the default is 5 minutes; <see cref="TimeSpan.Zero"/> turns caching off.
    /// </summary>
    public TimeSpan WhoAmICacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest model card read, in bytes. Default <see cref="DefaultMaxModelCardBytes"/>.</summary>
    public int MaxModelCardBytes { get; set; } = DefaultMaxModelCardBytes;
}
