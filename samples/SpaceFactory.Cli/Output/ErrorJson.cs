using System.Text.Json.Serialization;

namespace SpaceFactory.Cli.Output;

/// <summary>What <c>--json</c> prints when a command fails before or outside a run.</summary>
internal sealed record ErrorJson(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("exit_code")] int ExitCode);
