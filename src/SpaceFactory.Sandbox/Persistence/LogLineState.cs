namespace SpaceFactory.Sandbox.Persistence;

/// <summary>One line of a Job's log.</summary>
internal sealed record LogLineState(string Text, DateTimeOffset Time);
