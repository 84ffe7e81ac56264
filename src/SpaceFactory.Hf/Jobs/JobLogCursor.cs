namespace SpaceFactory.Hf.Jobs;

/// <summary>
/// Remembers which log lines were delivered so that a reopened stream, which the Hub replays from the start, does not
/// deliver them twice.
/// </summary>
/// <remarks>
/// Only the start of a reopened stream is filtered: a replayed line older than the last delivered one is skipped, and
/// of the lines sharing the last timestamp, as many as were delivered. The first line that passes ends the replay, and
/// from there on every line of that connection is delivered (so lines are never dropped within one connection, even
/// if their timestamps go backwards). This also stays right when the server replays only part of the history. Lines
/// without a timestamp fall back to counting, the official client's rule: skip as many events as were delivered.
/// </remarks>
internal sealed class JobLogCursor
{
    private DateTimeOffset? _lastTimestamp;
    private long _deliveredAtLastTimestamp;
    private long _seenAtLastTimestampOnConnection;
    private long _indexOnConnection;
    private bool _replaying;

    /// <summary>How many lines were delivered so far, over all connections.</summary>
    public long Delivered { get; private set; }

    /// <summary>Starts a new connection: its first lines are a replay when anything was delivered before.</summary>
    public void BeginConnection()
    {
        _indexOnConnection = 0;
        _seenAtLastTimestampOnConnection = 0;
        _replaying = Delivered > 0;
    }

    /// <summary>Whether the next line of the current connection is new; records it as delivered when it is.</summary>
    public bool Admit(DateTimeOffset? timestamp)
    {
        var index = _indexOnConnection++;
        if (_replaying && IsReplayed(timestamp, index))
        {
            return false;
        }

        _replaying = false;
        Delivered++;
        if (timestamp is { } time)
        {
            if (time == _lastTimestamp)
            {
                _deliveredAtLastTimestamp++;
            }
            else
            {
                _lastTimestamp = time;
                _deliveredAtLastTimestamp = 1;
            }
        }

        return true;
    }

    private bool IsReplayed(DateTimeOffset? timestamp, long index)
    {
        if (timestamp is not { } time || _lastTimestamp is not { } last)
        {
            return index < Delivered;
        }

        return time < last || (time == last && ++_seenAtLastTimestampOnConnection <= _deliveredAtLastTimestamp);
    }
}
