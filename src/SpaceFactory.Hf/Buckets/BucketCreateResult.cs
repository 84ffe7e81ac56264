namespace SpaceFactory.Hf.Buckets;

/// <summary>The outcome of <see cref="BucketClient.CreateBucketAsync"/>.</summary>
/// <param name="Bucket">The bucket (namespace resolved from the Hub's answer when <c>me</c> was used and the answer names it).</param>
/// <param name="Url">The bucket's web page, when known.</param>
/// <param name="Created"><see langword="true"/> when created now, <see langword="false"/> when an existing bucket was reused.</param>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF002")]
public sealed record BucketCreateResult(RepoId Bucket, Uri? Url, bool Created);
