using System.Text.Json.Serialization;
using SpaceFactory.Core.Records;

namespace SpaceFactory.Cli.Output;

/// <summary>Source-generated JSON for the CLI's machine output.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(RunResultJson))]
[JsonSerializable(typeof(ErrorJson))]
[JsonSerializable(typeof(RunState))]
[JsonSerializable(typeof(List<RunState>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
