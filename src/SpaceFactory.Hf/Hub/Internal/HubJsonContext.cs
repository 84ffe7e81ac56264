using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Hub;

/// <summary>Source-generated JSON contracts of the Hub API. Names are set per property: the Hub mixes casings.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HubUser))]
[JsonSerializable(typeof(SpaceInfo))]
[JsonSerializable(typeof(ModelInfo))]
[JsonSerializable(typeof(SpaceRuntime))]
[JsonSerializable(typeof(CreateRepoRequest))]
[JsonSerializable(typeof(CreateRepoResponse))]
[JsonSerializable(typeof(DuplicateSpaceRequest))]
[JsonSerializable(typeof(DeleteRepoRequest))]
[JsonSerializable(typeof(VisibilityRequest))]
[JsonSerializable(typeof(KeyValueBody))]
[JsonSerializable(typeof(KeyBody))]
[JsonSerializable(typeof(Dictionary<string, VariableEntry>))]
[JsonSerializable(typeof(Dictionary<string, SecretEntry>))]
[JsonSerializable(typeof(HardwareRequest))]
[JsonSerializable(typeof(List<SpaceHardwareFlavor>))]
[JsonSerializable(typeof(SleepTimeRequest))]
[JsonSerializable(typeof(PreuploadRequest))]
[JsonSerializable(typeof(PreuploadResponse))]
[JsonSerializable(typeof(CommitResponse))]
[JsonSerializable(typeof(LfsBatchRequest))]
[JsonSerializable(typeof(LfsBatchResponse))]
[JsonSerializable(typeof(LfsObjectId))]
[JsonSerializable(typeof(LfsCompletionRequest))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class HubJsonContext : JsonSerializerContext;
