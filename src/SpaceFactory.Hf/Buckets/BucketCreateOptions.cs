namespace SpaceFactory.Hf.Buckets;

/// <summary>How <see cref="BucketClient.CreateBucketAsync"/> creates a bucket.</summary>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF002")]
public sealed record BucketCreateOptions
{
    /// <summary>Visibility sent as <c>private</c>. Default <see langword="true"/>; <see langword="null"/> leaves the namespace's default.</summary>
    public bool? Private { get; init; } = true;

    /// <summary>
    /// When the bucket already exists (409): <see langword="false"/> (default) throws <see cref="HfConflictException"/>;
    /// <see langword="true"/> reuses it, after checking it is private when <see cref="Private"/> asks for that.
    /// </summary>
    public bool ReuseExisting { get; init; }

    /// <summary>Enterprise resource group (<c>resourceGroupId</c>).</summary>
    public string? ResourceGroupId { get; init; }

    /// <summary>Storage region (<c>region</c>): <c>us</c> or <c>eu</c>.</summary>
    public string? Region { get; init; }
}
