namespace SpaceFactory.Hf.Jobs;

/// <summary>One line a Job printed, from its log stream (<c>data: {"data": …, "timestamp": …}</c>).</summary>
/// <param name="Text">The line, without its line break.</param>
/// <param name="Timestamp">When the Hub recorded it; <see langword="null"/> if the event had no readable timestamp.</param>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF001")]
public readonly record struct JobLogLine(string Text, DateTimeOffset? Timestamp);
