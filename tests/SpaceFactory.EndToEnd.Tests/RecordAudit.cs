using System.Text.Json;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>
/// Reads a run folder as an auditor would: <c>state.json</c> parses, every line of <c>events.jsonl</c> is a JSON
/// object, sequence numbers run 1..N without a gap or a repeat, and an ended run's last event is <c>run_ended</c>.
/// </summary>
internal static class RecordAudit
{
    public static RecordAuditResult Audit(string runFolder)
    {
        var problems = new List<string>();
        var statePath = Path.Combine(runFolder, "state.json");
        string? status = null;
        try
        {
            using var state = JsonDocument.Parse(File.ReadAllBytes(statePath));
            status = state.RootElement.GetProperty("status").GetString();
        }
        catch (Exception ex) when (ex is IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            problems.Add($"state.json unreadable: {ex.Message}");
        }

        var lines = 0;
        var corrupt = 0;
        var missing = 0;
        long expected = 1;
        string? lastType = null;
        var eventsPath = Path.Combine(runFolder, "events.jsonl");
        foreach (var line in File.Exists(eventsPath) ? File.ReadLines(eventsPath) : [])
        {
            lines++;
            try
            {
                using var json = JsonDocument.Parse(line);
                var seq = json.RootElement.GetProperty("seq").GetInt64();
                lastType = json.RootElement.GetProperty("type").GetString();
                if (seq != expected)
                {
                    missing += (int)Math.Max(0, seq - expected);
                    problems.Add($"events.jsonl line {lines}: seq {seq}, expected {expected}");
                }

                expected = seq + 1;
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                corrupt++;
                problems.Add($"events.jsonl line {lines} is not a complete event: {ex.Message}");
            }
        }

        if (lines == 0)
        {
            problems.Add("events.jsonl is missing or empty");
        }

        var ended = status is "succeeded" or "failed" or "cancelled";
        if (ended && lastType != "run_ended")
        {
            missing++;
            problems.Add($"the run is {status} but its last event is {lastType ?? "none"}, not run_ended");
        }

        return new RecordAuditResult(lines, corrupt, missing, status, problems);
    }
}

/// <summary>What <see cref="RecordAudit.Audit"/> found.</summary>
internal sealed record RecordAuditResult(int Lines, int CorruptLines, int MissingLines, string? Status, IReadOnlyList<string> Problems)
{
    public bool Intact => Problems.Count == 0;
}
