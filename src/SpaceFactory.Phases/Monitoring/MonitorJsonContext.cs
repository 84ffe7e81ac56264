using System.Text.Json.Serialization;

namespace SpaceFactory.Phases.Monitoring;

/// <summary>Source-generated JSON of the monitor history: one compact snake_case object per line.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MonitorEntry))]
internal sealed partial class MonitorJsonContext : JsonSerializerContext;
