namespace SpaceFactory.Sandbox.Persistence;

/// <summary>A Space's runtime settings; the app server and logs are rebuilt at start.</summary>
internal sealed record SpaceState(
    string SpaceId,
    string Stage,
    string? ErrorMessage,
    string? RequestedHardware,
    int GcTimeout,
    IReadOnlyList<NamedEntry> Secrets,
    IReadOnlyList<NamedEntry> Variables);
