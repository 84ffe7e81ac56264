using System.Text.Json.Serialization;
using SpaceFactory.Core.Records;

namespace SpaceFactory.Cli.Output;

/// <summary>Source-generated JSON for the CLI's machine output.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(RunResultJson))]
[JsonSerializable(typeof(ErrorJson))]
[JsonSerializable(typeof(ScheduleJson))]
[JsonSerializable(typeof(UrlJson))]
[JsonSerializable(typeof(SandboxJson))]
[JsonSerializable(typeof(RunState))]
[JsonSerializable(typeof(List<RunState>))]
[JsonSerializable(typeof(List<SpaceFactory.Phases.Monitoring.MonitorEntry>))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    /// <summary>Indented, with readable quotes and non-ASCII text (the output goes to terminals and scripts, never into HTML).</summary>
    public static CliJsonContext Readable { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
