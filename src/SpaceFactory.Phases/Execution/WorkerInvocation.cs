using SpaceFactory.Core;

namespace SpaceFactory.Phases.Execution;

/// <summary>What one worker in a Job is to do, as <see cref="WorkerArguments"/> carries it.</summary>
/// <param name="Recipe">The recipe to run.</param>
/// <param name="RunId">The run id the orchestrator decided.</param>
/// <param name="RecordRoot">The record folder inside the Job (the Bucket's mount, holding <c>runs/</c>).</param>
public sealed record WorkerInvocation(string Recipe, RunId RunId, string RecordRoot)
{
    /// <summary>The recipe parameters, in order.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The run's target, if any.</summary>
    public string? Target { get; init; }

    /// <summary>Whether to resume the run rather than start it.</summary>
    public bool Resume { get; init; }
}
