using SpaceFactory.Core;

namespace SpaceFactory.Web.Runs;

/// <summary>One launch by one user: what was asked, where its record is, and how the orchestrator's side ended.</summary>
internal sealed class RunEntry
{
    public required RunId RunId { get; init; }

    /// <summary>The owner's stable id (the OpenID <c>sub</c>); only the owner may see the run.</summary>
    public required string OwnerId { get; init; }

    public required string OwnerName { get; init; }

    public required string Recipe { get; init; }

    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>The Bucket (and folder) holding the owner's records.</summary>
    public required string BucketSource { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The Job running the worker, once known.</summary>
    public string? JobId { get; set; }

    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The executor's result once the Job ended.</summary>
    public RunResult? Result { get; private set; }

    /// <summary>Why the launch itself failed (token redacted), if it did.</summary>
    public string? LaunchError { get; private set; }

    /// <summary>Completes when the orchestrator stopped following the run (tests and shutdown wait on it).</summary>
    public Task Completion => _completion.Task;

    public void Complete(RunResult result)
    {
        Result = result;
        _completion.TrySetResult();
    }

    public void Fail(string reason)
    {
        LaunchError = reason;
        _completion.TrySetResult();
    }

    /// <summary>True once the orchestrator stopped following the run.</summary>
    public bool Ended => Result is not null || LaunchError is not null;
}
