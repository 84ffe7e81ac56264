using System.Text.Json.Serialization;

namespace SpaceFactory.Sandbox.Persistence;

/// <summary>Source-generated JSON of the state file (camelCase, indented so that a person can read it).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SandboxState))]
internal sealed partial class StateJsonContext : JsonSerializerContext;
