namespace SpaceFactory.Hf.Buckets;

/// <summary>The outcome of <see cref="BucketClient.DeleteFilesAsync"/> (summed over its batches).</summary>
/// <param name="Processed">Operations the Hub processed.</param>
/// <param name="Succeeded">Operations that succeeded.</param>
/// <param name="Failed">Operations that failed, with the Hub's reason (the batch is not transactional).</param>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF002")]
public sealed record BucketBatchResult(int Processed, int Succeeded, IReadOnlyList<BucketBatchFailure> Failed);
