namespace SpaceFactory.Hf.Jobs;

/// <summary>
/// What one SSE event of a Job log stream held: usually one line; nothing for a keep-alive; several when the server
/// put several <c>data:</c> lines in one event; and a problem when (part of) it could not be read.
/// </summary>
internal readonly struct JobLogEvent
{
    public JobLogEvent(JobLogLine line, bool hasLine, List<JobLogLine>? more, string? problem)
    {
        Line = line;
        HasLine = hasLine;
        More = more;
        Problem = problem;
    }

    /// <summary>The first (usually only) line; valid when <see cref="HasLine"/>.</summary>
    public JobLogLine Line { get; }

    /// <summary>Whether <see cref="Line"/> holds a line.</summary>
    public bool HasLine { get; }

    /// <summary>Further lines of the same event (rare).</summary>
    public List<JobLogLine>? More { get; }

    /// <summary>Why (part of) the event was unreadable; never quotes the event's content.</summary>
    public string? Problem { get; }
}
