using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Buckets;

/// <summary>Answer of <c>POST /api/buckets/{ns}/{name}/batch</c>.</summary>
internal sealed class BucketBatchResponse
{
    [JsonPropertyName("success")]
    public bool? Success { get; init; }

    [JsonPropertyName("processed")]
    public int? Processed { get; init; }

    [JsonPropertyName("succeeded")]
    public int? Succeeded { get; init; }

    [JsonPropertyName("failed")]
    public List<BucketBatchFailure>? Failed { get; init; }
}
