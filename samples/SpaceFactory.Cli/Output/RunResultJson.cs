using System.Text.Json.Serialization;

namespace SpaceFactory.Cli.Output;

/// <summary>What <c>--json</c> prints for a run.</summary>
internal sealed record RunResultJson(
    [property: JsonPropertyName("run_id")] string RunId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("outcome")] string? Outcome,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("record")] string Record,
    [property: JsonPropertyName("report")] string? Report);
