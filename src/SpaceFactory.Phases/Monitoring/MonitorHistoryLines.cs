using System.Text.Json;

namespace SpaceFactory.Phases.Monitoring;

/// <summary>Parses the tail of a history file: complete lines only, the unreadable ones skipped (the file is appended by Jobs).</summary>
internal static class MonitorHistoryLines
{
    public static IReadOnlyList<MonitorEntry> Parse(ReadOnlySpan<byte> tail, bool fromStart, int count)
    {
        if (!fromStart)
        {
            // The read began inside a line: the bytes before the first line feed are the end of an older line.
            var first = tail.IndexOf((byte)'\n');
            tail = first < 0 ? [] : tail[(first + 1)..];
        }

        var entries = new List<MonitorEntry>();
        while (tail.Length > 0)
        {
            var end = tail.IndexOf((byte)'\n');
            if (end < 0)
            {
                break; // a torn last line, still being written
            }

            var line = tail[..end];
            tail = tail[(end + 1)..];
            if (line.Length == 0 || line.Length > MonitorHistory.MaxLineBytes)
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize(line, MonitorJsonContext.Default.MonitorEntry) is { } entry)
                {
                    entries.Add(entry);
                }
            }
            catch (JsonException)
            {
                // A line that is not an entry (a foreign writer, a partial write before a crash) is not history.
            }
            catch (ArgumentException)
            {
                // An outcome code outside the allowed characters.
            }
        }

        return entries.Count > count ? entries[^count..] : entries;
    }
}
