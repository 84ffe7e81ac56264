namespace SpaceFactory.Phases.Execution;

/// <summary>
/// The arguments of the CLI's <c>worker</c> verb, which a Job runs:
/// <c>--recipe R --run-id ID --record DIR [--target T] [--param k=v]... [--resume]</c>.
/// The token is never an argument: the worker reads it from the Job secret <c>HF_TOKEN</c>.
/// </summary>
internal static class WorkerArguments
{
    /// <summary>Builds the arguments for a run.</summary>
    /// <param name="recipe">The recipe.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="recordRoot">The record folder inside the Job (the Bucket mount).</param>
    /// <param name="parameters">The recipe parameters.</param>
    /// <param name="target">The run's target, if any.</param>
    /// <param name="resume">Whether to resume rather than start.</param>
    /// <returns>The arguments, in order.</returns>
    public static IReadOnlyList<string> Build(string recipe, string runId, string recordRoot, IReadOnlyDictionary<string, string> parameters, string? target, bool resume)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var args = new List<string> { "--recipe", recipe, "--run-id", runId, "--record", recordRoot };
        if (target is not null)
        {
            args.Add("--target");
            args.Add(target);
        }

        foreach (var (name, value) in parameters)
        {
            args.Add("--param");
            args.Add($"{name}={value}");
        }

        if (resume)
        {
            args.Add("--resume");
        }

        return args;
    }
}
