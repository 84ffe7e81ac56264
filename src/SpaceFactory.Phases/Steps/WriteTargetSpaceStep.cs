using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf.Hub;

namespace SpaceFactory.Phases.Steps;

/// <summary>Writes <c>target_space.json</c>: repo id, URL, private flag (read back from the Hub), app host, commit, hardware.</summary>
public sealed class WriteTargetSpaceStep(HubClient hub) : IPhaseStep
{
    /// <inheritdoc />
    public string Name => "write_target_space";

    /// <inheritdoc />
    public bool IsSafeToRerun => true;

    /// <inheritdoc />
    public async Task<StepResult> ExecuteAsync(PhaseContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.State.Get(FactoryState.Target);
        var info = await hub.GetSpaceInfoAsync(target.RepoId, cancellationToken: cancellationToken).ConfigureAwait(false);
        var record = target with
        {
            Private = info.Private ?? target.Private,
            Host = info.Host?.AbsoluteUri.TrimEnd('/') ?? target.Host,
            Commit = target.Commit ?? info.Sha,
            HardwareGranted = info.Runtime?.Hardware?.Current ?? target.HardwareGranted,
        };
        context.State.Set(FactoryState.Target, record);
        await context.Recorder.WriteJsonArtifactAsync("target_space.json", record, StepsJsonContext.Default.TargetSpaceRecord, cancellationToken).ConfigureAwait(false);
        if (record.Host is not null)
        {
            await context.Recorder.SetLinkAsync("app", record.Host, cancellationToken).ConfigureAwait(false);
        }

        return StepResult.Completed($"{record.RepoId} ({(record.Private ? "private" : "PUBLIC")}) at commit {record.Commit}");
    }
}
