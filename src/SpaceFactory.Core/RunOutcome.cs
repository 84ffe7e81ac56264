using System.Text.Json.Serialization;

namespace SpaceFactory.Core;

/// <summary>A run's outcome: a code and the reason for it.</summary>
/// <param name="Code">The machine code.</param>
/// <param name="Reason">The reason, in words a person can act on.</param>
public sealed record RunOutcome(
    [property: JsonPropertyName("code")] OutcomeCode Code,
    [property: JsonPropertyName("reason")] string Reason);
