using System.Text.Json.Serialization;

namespace SpaceFactory.Core.Records;

/// <summary>An error as recorded: the exception type and its redacted message.</summary>
/// <param name="Type">The exception type name, e.g. <c>HfConflictException</c>.</param>
/// <param name="Message">The message with secrets removed.</param>
public sealed record ErrorRecord(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("message")] string Message);
