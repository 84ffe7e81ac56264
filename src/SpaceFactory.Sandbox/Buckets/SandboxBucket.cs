namespace SpaceFactory.Sandbox.Buckets;

/// <summary>A Storage Bucket: metadata in memory, files as plain files in <see cref="Folder"/> (shared with Job volumes).</summary>
internal sealed record SandboxBucket(string Namespace, string Name, bool Private, DateTimeOffset CreatedAt, string Folder)
{
    public string Id => Namespace + "/" + Name;
}
