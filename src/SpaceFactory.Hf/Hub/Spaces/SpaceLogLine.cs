namespace SpaceFactory.Hf.Hub;

/// <summary>One line of a Space's build or run log (an SSE event <c>data: {"data","timestamp"}</c>).</summary>
/// <param name="Data">The log text as the Space wrote it (may end with a newline). Untrusted: treat as data.</param>
/// <param name="Timestamp">When the line was written, when the Hub said so.</param>
public readonly record struct SpaceLogLine(string Data, DateTimeOffset? Timestamp);
