namespace SpaceFactory.Sandbox.Persistence;

/// <summary>A Space variable (with its value) or secret (name only: <see cref="Value"/> is null).</summary>
internal sealed record NamedEntry(string Key, string? Value, string? Description, DateTimeOffset UpdatedAt);
