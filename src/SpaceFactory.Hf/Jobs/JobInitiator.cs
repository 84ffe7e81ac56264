using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Jobs;

/// <summary>Who or what started a Job (<c>initiator</c>).</summary>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF001")]
public sealed record JobInitiator
{
    /// <summary><c>user</c>, <c>org</c>, <c>scheduled-job</c> or <c>duplicated-job</c> (open set).</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>The initiator's id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The initiator's name, when given.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }
}
