namespace SpaceFactory.Hf.Hub;

/// <summary>A secret of a Space as the Hub lists it: its name, never its value.</summary>
/// <param name="Key">The name.</param>
/// <param name="Description">Optional description.</param>
/// <param name="UpdatedAt">When it was last changed.</param>
public sealed record SpaceSecretInfo(string Key, string? Description, DateTimeOffset? UpdatedAt);
