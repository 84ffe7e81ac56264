using System.Text.Json.Serialization;
using SpaceFactory.Core.Pipeline;

namespace SpaceFactory.Core.Tests;

/// <summary>Small steps for pipeline tests.</summary>
internal sealed class DelegateStep(string name, Func<PhaseContext, CancellationToken, Task<StepResult>> body, bool safeToRerun = true, TimeSpan? timeout = null) : IPhaseStep
{
    public int Executions { get; private set; }

    public string Name => name;

    public bool IsSafeToRerun => safeToRerun;

    public TimeSpan? Timeout => timeout;

    public Task<StepResult> ExecuteAsync(PhaseContext context, CancellationToken cancellationToken)
    {
        Executions++;
        return body(context, cancellationToken);
    }

    public static DelegateStep Completes(string name, bool safeToRerun = true) =>
        new(name, (_, _) => Task.FromResult(StepResult.Completed($"{name} done")), safeToRerun);

    public static DelegateStep Succeeds(string name) =>
        new(name, (_, _) => Task.FromResult(StepResult.Success(OutcomeCode.FullInferenceSuccess, "the API answered")));
}

[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(int))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
