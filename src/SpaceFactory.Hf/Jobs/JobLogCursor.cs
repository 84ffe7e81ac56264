namespace SpaceFactory.Hf.Jobs;

/// <summary>
/// Remembers which log lines were delivered so that a reopened stream (which the Hub replays from the start) does not
/// deliver them twice.
/// </summary>
/// <remarks>
/// Lines are ordered by timestamp: a replayed line older than the last delivered one is skipped, and of the lines
/// sharing the last timestamp, as many are skipped as were delivered. This stays right if the server replays only
/// part of the history. Lines without a timestamp fall back to counting (the official client's rule: skip as many
/// events as were delivered).
/// </remarks>
internal sealed class JobLogCursor
{
    private DateTimeOffset? _lastTimestamp;
    private long _deliveredAtLastTimestamp;
    private long _seenAtLastTimestampOnConnection;
    private long _indexOnConnection;

    /// <summary>How many lines were delivered so far, over all connections.</summary>
    public long Delivered { get; private set; }

    /// <summary>Starts counting a new connection's replay.</summary>
    public void BeginConnection()
    {
        _indexOnConnection = 0;
        _seenAtLastTimestampOnConnection = 0;
    }

    /// <summary>Whether the next line of the current connection is new; records it as delivered when it is.</summary>
    public bool Admit(DateTimeOffset? timestamp)
    {
        var index = _indexOnConnection++;
        if (timestamp is { } time && _lastTimestamp is { } last)
        {
            if (time < last)
            {
                return false;
            }

            if (time == last)
            {
                if (++_seenAtLastTimestampOnConnection <= _deliveredAtLastTimestamp)
                {
                    return false;
                }

                _deliveredAtLastTimestamp++;
                Delivered++;
                return true;
            }
        }
        else if (index < Delivered)
        {
            return false;
        }

        Delivered++;
        if (timestamp is { } newest)
        {
            _lastTimestamp = newest;
            _deliveredAtLastTimestamp = 1;
            _seenAtLastTimestampOnConnection = 1;
        }

        return true;
    }
}
