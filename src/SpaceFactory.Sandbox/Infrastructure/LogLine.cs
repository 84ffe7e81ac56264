namespace SpaceFactory.Sandbox.Infrastructure;

/// <summary>One log line with the time it was written.</summary>
internal readonly record struct LogLine(string Text, DateTimeOffset Timestamp);
