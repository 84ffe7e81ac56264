using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SpaceFactory.Sandbox.Buckets;
using SpaceFactory.Sandbox.Hub;
using SpaceFactory.Sandbox.Jobs;

namespace SpaceFactory.Sandbox.Infrastructure;

/// <summary>Source-generated JSON metadata of every body the Sandbox reads or writes.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonArray))]
[JsonSerializable(typeof(HubWire.RepoRequest))]
[JsonSerializable(typeof(HubWire.KeyValue))]
[JsonSerializable(typeof(HubWire.PreuploadRequest))]
[JsonSerializable(typeof(HubWire.LfsBatchRequest))]
[JsonSerializable(typeof(HubWire.SettingsRequest))]
[JsonSerializable(typeof(HubWire.HardwareRequest))]
[JsonSerializable(typeof(JobsWire.JobSpec))]
[JsonSerializable(typeof(JobsWire.LabelsRequest))]
[JsonSerializable(typeof(BucketsWire.PathsInfoRequest))]
[JsonSerializable(typeof(BucketsWire.CreateRequest))]
internal sealed partial class SandboxJsonContext : JsonSerializerContext;
