using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Buckets;

/// <summary>One operation of a bucket batch the Hub could not apply.</summary>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF002")]
public sealed record BucketBatchFailure
{
    /// <summary>The path of the operation.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; init; }

    /// <summary>The Hub's reason.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; init; }
}
