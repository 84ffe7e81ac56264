using System.Text.Json;
using SpaceFactory.Core.Records;

namespace SpaceFactory.Core.Tests;

/// <summary>Checks that a run folder is a valid, complete record.</summary>
internal static class RecordAssertions
{
    public static async Task<(RunState State, List<RunEvent> Events)> AssertValidAsync(DirectoryRunStore store, RunId runId)
    {
        var folder = store.RunFolder(runId);
        var state = await store.GetStateAsync(runId) ?? throw new AssertionException($"no state.json in {folder}");
        Assert.That(state.RunId, Is.EqualTo(runId.Value));

        var raw = await File.ReadAllBytesAsync(Path.Combine(folder, "events.jsonl"));
        Assert.That(raw[^1], Is.EqualTo((byte)'\n'), "events.jsonl ends with a complete line");
        var lines = System.Text.Encoding.UTF8.GetString(raw).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var events = lines.Select(l => JsonSerializer.Deserialize(l, Records.CoreJsonContext.Default.RunEvent)!).ToList();
        Assert.That(events.Select(e => e.Seq), Is.EqualTo(Enumerable.Range(1, events.Count).Select(i => (long)i)), "seq has no gap or duplicate");
        Assert.That(events.All(e => e.RunId == runId.Value), Is.True);
        Assert.That(File.Exists(Path.Combine(folder, "report.md")), Is.True);
        Assert.That(Directory.EnumerateFiles(folder, "*.tmp-*", SearchOption.AllDirectories), Is.Empty, "no temp file left behind");
        return (state, events);
    }
}
