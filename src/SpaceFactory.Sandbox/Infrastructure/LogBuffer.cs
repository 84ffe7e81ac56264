namespace SpaceFactory.Sandbox.Infrastructure;

/// <summary>
/// An append-only list of timestamped log lines that readers can follow until it is completed
/// (Space build/run logs, Job logs). Readers wait on a task that is replaced at every append.
/// </summary>
internal sealed class LogBuffer
{
    private readonly Lock _gate = new();
    private readonly List<LogLine> _lines = [];
    private TaskCompletionSource _changed = NewSignal();
    private bool _completed;

    /// <summary>True once no more lines will come.</summary>
    public bool IsCompleted
    {
        get
        {
            lock (_gate)
            {
                return _completed;
            }
        }
    }

    /// <summary>Number of lines so far.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _lines.Count;
            }
        }
    }

    /// <summary>Appends one line.</summary>
    public void Append(string text, DateTimeOffset timestamp)
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            _lines.Add(new LogLine(text, timestamp));
            signal = _changed;
            _changed = NewSignal();
        }

        signal.TrySetResult();
    }

    /// <summary>Marks the log as finished; followers stop after the last line.</summary>
    public void Complete()
    {
        TaskCompletionSource signal;
        lock (_gate)
        {
            _completed = true;
            signal = _changed;
            _changed = NewSignal();
        }

        signal.TrySetResult();
    }

    /// <summary>
    /// Copies up to <paramref name="max"/> lines from <paramref name="start"/> on; returns whether the log is complete
    /// and a task to await more.
    /// </summary>
    public (List<LogLine> Lines, bool Completed, Task Changed) Read(int start, int max = int.MaxValue)
    {
        lock (_gate)
        {
            var count = Math.Min(max, _lines.Count - start);
            var lines = count > 0 ? _lines.GetRange(start, count) : [];
            return (lines, _completed, _changed.Task);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
