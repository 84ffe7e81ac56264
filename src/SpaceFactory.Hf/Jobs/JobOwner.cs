using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Jobs;

/// <summary>The user or organisation a Job belongs to (<c>owner</c>).</summary>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF001")]
public sealed record JobOwner
{
    /// <summary>The owner's id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The owner's name, i.e. the Job's namespace.</summary>
    [JsonPropertyName("name")]
    [JsonRequired]
    public required string Name { get; init; }

    /// <summary><c>user</c> or <c>org</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }
}
