using System.Diagnostics;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Jobs;

/// <summary>One Job: its spec, local process, stage and log.</summary>
internal sealed class SandboxJob(string id, string owner, string ownerId, JobsWire.JobSpec spec, DateTimeOffset createdAt)
{
    private readonly TaskCompletionSource<string> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Lock Gate { get; } = new();

    public string Id { get; } = id;

    public string Owner { get; } = owner;

    public string OwnerId { get; } = ownerId;

    public JobsWire.JobSpec Spec { get; } = spec;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string Stage { get; private set; } = "SCHEDULING";

    public string? Message { get; private set; }

    public LogBuffer Log { get; } = new();

    public Process? Process { get; set; }

    public ITimer? TimeoutTimer { get; set; }

    /// <summary>Completes with the terminal stage.</summary>
    public Task<string> Finished => _finished.Task;

    public bool IsTerminal => Stage is "COMPLETED" or "ERROR" or "CANCELED" or "DELETED";

    public void SetRunning(DateTimeOffset now)
    {
        lock (Gate)
        {
            Stage = "RUNNING";
            StartedAt = now;
        }
    }

    /// <summary>Moves to a terminal stage once (later calls are ignored); true when this call did it.</summary>
    public bool TryFinish(string stage, string? message, DateTimeOffset now)
    {
        lock (Gate)
        {
            if (IsTerminal)
            {
                return false;
            }

            Stage = stage;
            Message = message;
            FinishedAt = now;
        }

        TimeoutTimer?.Dispose();
        return true;
    }

    /// <summary>Signals waiters once the process and its log are done.</summary>
    public void Release() => _finished.TrySetResult(Stage);
}
