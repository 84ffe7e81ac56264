namespace SpaceFactory.Sandbox.Persistence;

/// <summary>A Bucket; its files are the files of <c>buckets/{ns}/{name}/</c>.</summary>
internal sealed record BucketState(string Namespace, string Name, bool Private, DateTimeOffset CreatedAt);
