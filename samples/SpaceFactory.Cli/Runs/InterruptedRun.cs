using System.Text.Json;
using SpaceFactory.Core;
using SpaceFactory.Core.Records;

namespace SpaceFactory.Cli.Runs;

/// <summary>Marks a local run whose process stopped mid-way as <c>interrupted</c> in its <c>state.json</c>, with the command that resumes it.</summary>
internal static class InterruptedRun
{
    public static string ResumeCommand(string runId) => $"spacefactory resume {runId}";

    public static string Reason(RunState state, string why) =>
        $"{why} while the run was in step '{state.CurrentStep ?? "-"}'; resume it with: {ResumeCommand(state.RunId)}";

    /// <summary>What <c>status</c> shows for a run that says running but whose process is gone (the record is not changed).</summary>
    public static RunState AsInterrupted(RunState state, string why) => state with
    {
        Status = RunStatus.Failed,
        Outcome = new RunOutcome(OutcomeCode.Interrupted, Reason(state, why)),
    };

    /// <summary>Rewrites <c>state.json</c> of a running local run as interrupted (atomically); false when there is nothing to mark.</summary>
    public static bool Mark(DirectoryRunStore store, RunId runId, string why, TimeProvider clock)
    {
        var path = Path.Combine(store.RunFolder(runId), "state.json");
        try
        {
            var state = JsonSerializer.Deserialize(File.ReadAllBytes(path), RunRecordJson.RunState);
            if (state is null || state.Status != RunStatus.Running)
            {
                return false;
            }

            var marked = AsInterrupted(state, why) with { EndedAt = clock.GetUtcNow(), UpdatedAt = clock.GetUtcNow() };
            var temp = path + ".tmp-interrupted";
            File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(marked, RunRecordJson.RunState));
            File.Move(temp, path, overwrite: true);
            return true;
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
