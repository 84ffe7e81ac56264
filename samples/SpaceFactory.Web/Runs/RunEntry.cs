using SpaceFactory.Core;

namespace SpaceFactory.Web.Runs;

/// <summary>
/// One run of one user: what was asked, where its record is, and how the orchestrator's side of the latest attempt
/// (the launch, or a resume) ended. Cancel trips the attempt's token, which makes the Job executor cancel the Job.
/// </summary>
internal sealed class RunEntry
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _attempt;

    public required RunId RunId { get; init; }

    /// <summary>The owner's stable id (the OpenID <c>sub</c>); only the owner may see the run.</summary>
    public required string OwnerId { get; init; }

    public required string OwnerName { get; init; }

    public required string Recipe { get; init; }

    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>The Bucket (and folder) holding the owner's records.</summary>
    public required string BucketSource { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>True for a run found in the owner's Bucket (e.g. a scheduled check), not launched through this app.</summary>
    public bool Adopted { get; init; }

    /// <summary>The Job running the worker of the latest attempt, once known.</summary>
    public string? JobId { get; set; }

    /// <summary>The executor's result once the latest attempt's Job ended.</summary>
    public RunResult? Result { get; private set; }

    /// <summary>Why the launch itself failed (token redacted), if it did.</summary>
    public string? LaunchError { get; private set; }

    /// <summary>How many times the run was resumed from this app.</summary>
    public int Resumes { get; private set; }

    /// <summary>Completes when the orchestrator stopped following the latest attempt (tests and shutdown wait on it).</summary>
    public Task Completion
    {
        get
        {
            lock (_gate)
            {
                return _completion.Task;
            }
        }
    }

    /// <summary>True once the orchestrator stopped following the run.</summary>
    public bool Ended => Result is not null || LaunchError is not null;

    /// <summary>True once Cancel was asked for the followed attempt, until it ended (the worker is ending its record).</summary>
    public bool Cancelling => !Ended && _attempt is { IsCancellationRequested: true };

    /// <summary>True while an attempt is followed and can be cancelled.</summary>
    public bool CanCancel => !Ended && _attempt is { IsCancellationRequested: false };

    /// <summary>
    /// What the list and the badges say, from the orchestrator's side: running, succeeded, failed, cancelled,
    /// interrupted (the Job ended while the record said running) or launch failed.
    /// </summary>
    public string Status => LaunchError is not null ? "launch failed"
        : Result is not { } result ? "running"
        : result.Outcome?.Code == OutcomeCode.Interrupted ? "interrupted"
        : result.Status.ToString().ToLowerInvariant();

    /// <summary>True when the outcome came from a simulated runtime (the Sandbox): no real inference ran.</summary>
    public bool Simulated => Result?.Outcome?.Code == OutcomeCode.SimulatedInferenceSuccess;

    /// <summary>Starts following an attempt; the token is cancelled by <see cref="RequestCancel"/> or when the app stops.</summary>
    public CancellationToken BeginAttempt(bool resume, CancellationToken stopping)
    {
        lock (_gate)
        {
            _attempt?.Dispose();
            _attempt = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            if (_completion.Task.IsCompleted)
            {
                _completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            Result = null;
            LaunchError = null;
            JobId = null;
            Resumes += resume ? 1 : 0;
            return _attempt.Token;
        }
    }

    /// <summary>Asks the attempt to stop (its Job is then cancelled); false when nothing is being followed.</summary>
    public bool RequestCancel()
    {
        CancellationTokenSource? attempt;
        lock (_gate)
        {
            attempt = Ended ? null : _attempt;
        }

        if (attempt is null || attempt.IsCancellationRequested)
        {
            return false;
        }

        attempt.Cancel(); // outside the lock: the executor's continuation may complete this entry
        return true;
    }

    public void Complete(RunResult result)
    {
        lock (_gate)
        {
            Result = result;
            _completion.TrySetResult();
        }
    }

    public void Fail(string reason)
    {
        lock (_gate)
        {
            LaunchError = reason;
            _completion.TrySetResult();
        }
    }
}
