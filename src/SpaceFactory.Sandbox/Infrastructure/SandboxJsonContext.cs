using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SpaceFactory.Sandbox.Buckets;
using SpaceFactory.Sandbox.Hub;
using SpaceFactory.Sandbox.Jobs;
using SpaceFactory.Sandbox.Spaces;

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
[JsonSerializable(typeof(RefsAnswer))]
[JsonSerializable(typeof(JobsWire.JobSpec))]
[JsonSerializable(typeof(JobsWire.LabelsRequest))]
[JsonSerializable(typeof(BucketsWire.PathsInfoRequest))]
[JsonSerializable(typeof(BucketsWire.CreateRequest))]
[JsonSerializable(typeof(BucketsWire.BucketInfo))]
[JsonSerializable(typeof(List<BucketsWire.BucketInfo>))]
[JsonSerializable(typeof(BucketsWire.CreatedBucket))]
[JsonSerializable(typeof(BucketsWire.BucketConflict))]
[JsonSerializable(typeof(List<BucketsWire.BucketEntry>))]
[JsonSerializable(typeof(BucketsWire.BatchResult))]
[JsonSerializable(typeof(List<TreeWire.TreeEntry>))]
[JsonSerializable(typeof(List<TreeWire.CommitEntry>))]
[JsonSerializable(typeof(TreeWire.YamlValidation))]
[JsonSerializable(typeof(TreeWire.YamlValidationRequest))]
[JsonSerializable(typeof(TreeWire.DuplicateRequest))]
[JsonSerializable(typeof(RepoInfoAnswer))]
[JsonSerializable(typeof(List<RepoInfoAnswer>))]
[JsonSerializable(typeof(RepoInfoAnswer.SafetensorsPart))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(ScheduledJobRequest))]
[JsonSerializable(typeof(ScheduledJobAnswer))]
[JsonSerializable(typeof(List<ScheduledJobAnswer>))]
[JsonSerializable(typeof(SpaceRuntimeAnswer))]
[JsonSerializable(typeof(JobAnswer))]
[JsonSerializable(typeof(List<JobAnswer>))]
internal sealed partial class SandboxJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Writes like the Hub and Gradio (JSON.stringify, orjson): quotes as <c>\"</c> and non-ASCII as UTF-8, not <c>\u0022</c>.
    /// </summary>
    public static SandboxJsonContext Relaxed { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    });

    /// <summary>The writer options matching <see cref="Relaxed"/>.</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
