using System.Text.Json.Serialization;

namespace SpaceFactory.Core.Records;

/// <summary>Source-generated JSON for the run record.</summary>
[JsonSourceGenerationOptions(WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(RunState))]
[JsonSerializable(typeof(RunEvent))]
[JsonSerializable(typeof(PhaseStateDocument))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(long))]
internal sealed partial class CoreJsonContext : JsonSerializerContext;
