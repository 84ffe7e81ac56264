using SpaceFactory.Core;

namespace SpaceFactory.Phases.Execution;

/// <summary>
/// The worker's arguments, which a Job runs after <see cref="HfJobExecutorOptions.WorkerCommand"/>:
/// <c>--recipe R --run-id ID --record DIR [--target T] [--param k=v]... [--resume]</c>. <see cref="Build(WorkerInvocation)"/> writes
/// them for the executor and <see cref="Parse"/> reads them for <see cref="HfJobWorker"/>: one contract.
/// The token is never an argument: the worker reads it from the Job secret <c>HF_TOKEN</c>.
/// </summary>
public static class WorkerArguments
{
    /// <summary>The syntax, for help texts and error messages.</summary>
    public const string Syntax = "--recipe <recipe> --run-id <run-id> --record <folder> [--target <target>] [--param name=value]... [--resume]";

    private const string Recipe = "--recipe";
    private const string RunIdOption = "--run-id";
    private const string Record = "--record";
    private const string Target = "--target";
    private const string Param = "--param";
    private const string Resume = "--resume";

    /// <summary>Builds the arguments for a run.</summary>
    /// <param name="recipe">The recipe.</param>
    /// <param name="runId">The run id.</param>
    /// <param name="recordRoot">The record folder inside the Job (the Bucket mount).</param>
    /// <param name="parameters">The recipe parameters.</param>
    /// <param name="target">The run's target, if any.</param>
    /// <param name="resume">Whether to resume rather than start.</param>
    /// <returns>The arguments, in order.</returns>
    public static IReadOnlyList<string> Build(string recipe, string runId, string recordRoot, IReadOnlyDictionary<string, string> parameters, string? target, bool resume) =>
        Build(new WorkerInvocation(recipe, RunId.Parse(runId), recordRoot) { Parameters = parameters, Target = target, Resume = resume });

    /// <summary>Builds the arguments of <paramref name="invocation"/>.</summary>
    /// <param name="invocation">What the worker is to do.</param>
    /// <returns>The arguments, in order.</returns>
    public static IReadOnlyList<string> Build(WorkerInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var args = new List<string> { Recipe, invocation.Recipe, RunIdOption, invocation.RunId.Value, Record, invocation.RecordRoot };
        if (invocation.Target is not null)
        {
            args.Add(Target);
            args.Add(invocation.Target);
        }

        foreach (var (name, value) in invocation.Parameters)
        {
            args.Add(Param);
            args.Add($"{name}={value}");
        }

        if (invocation.Resume)
        {
            args.Add(Resume);
        }

        return args;
    }

    /// <summary>Reads the arguments that <see cref="Build(WorkerInvocation)"/> wrote.</summary>
    /// <param name="args">The arguments after the worker command.</param>
    /// <returns>What the worker is to do.</returns>
    /// <exception cref="WorkerArgumentsException">An argument is unknown, repeated, missing its value or missing; the message says which.</exception>
    public static WorkerInvocation Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? recipe = null, runId = null, record = null, target = null;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var resume = false;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            switch (name)
            {
                case Resume:
                    resume = true;
                    break;
                case Recipe:
                    Once(ref recipe, name, Value(args, ref i));
                    break;
                case RunIdOption:
                    Once(ref runId, name, Value(args, ref i));
                    break;
                case Record:
                    Once(ref record, name, Value(args, ref i));
                    break;
                case Target:
                    Once(ref target, name, Value(args, ref i));
                    break;
                case Param:
                    var pair = Value(args, ref i);
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    if (equals <= 0)
                    {
                        throw new WorkerArgumentsException($"--param '{pair}' is not name=value.");
                    }

                    if (!parameters.TryAdd(pair[..equals], pair[(equals + 1)..]))
                    {
                        throw new WorkerArgumentsException($"--param '{pair[..equals]}' is given twice.");
                    }

                    break;
                default:
                    throw new WorkerArgumentsException($"'{name}' is not a worker argument. Expected {Syntax}.");
            }
        }

        var id = Required(runId, RunIdOption);
        if (!RunId.TryParse(id, out var parsedId))
        {
            throw new WorkerArgumentsException($"--run-id '{id}' is not a run id such as 20261123T221749Z-k3m7q2ab.");
        }

        return new WorkerInvocation(Required(recipe, Recipe), parsedId, Required(record, Record)) { Parameters = parameters, Target = target, Resume = resume };
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        var name = args[i];
        if (i + 1 >= args.Count)
        {
            throw new WorkerArgumentsException($"{name} needs a value. Expected {Syntax}.");
        }

        return args[++i];
    }

    private static void Once(ref string? slot, string name, string value)
    {
        if (slot is not null)
        {
            throw new WorkerArgumentsException($"{name} is given twice.");
        }

        slot = value;
    }

    private static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw new WorkerArgumentsException($"{name} is required. Expected {Syntax}.") : value;
}
