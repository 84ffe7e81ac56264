using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Buckets;

/// <summary>Source-generated JSON contracts of the Storage Buckets API (names are set per property; no naming policy).</summary>
[JsonSerializable(typeof(BucketCreateRequest))]
[JsonSerializable(typeof(BucketCreateResponse))]
[JsonSerializable(typeof(BucketInfo))]
[JsonSerializable(typeof(List<BucketInfo>))]
[JsonSerializable(typeof(List<BucketEntry>))]
[JsonSerializable(typeof(BucketPathsInfoRequest))]
[JsonSerializable(typeof(BucketDeleteFileOperation))]
[JsonSerializable(typeof(BucketBatchResponse))]
internal sealed partial class BucketsJsonContext : JsonSerializerContext;
