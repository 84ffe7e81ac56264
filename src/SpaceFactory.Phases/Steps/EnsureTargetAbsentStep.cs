using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;

namespace SpaceFactory.Phases.Steps;

/// <summary>
/// Decides the target Space (parameter <c>space</c>, <c>name</c> or <c>ns/name</c>; the token owner's namespace
/// by default; else derived from the model or the run id) and refuses to go on if it exists: the factory never
/// overwrites a Space (<c>target_exists</c>).
/// </summary>
public sealed class EnsureTargetAbsentStep(HubClient hub, SpaceTargets targets) : IPhaseStep
{
    /// <summary>The parameter naming the target Space.</summary>
    public const string SpaceParameter = "space";

    /// <inheritdoc />
    public string Name => "ensure_target_absent";

    /// <inheritdoc />
    public bool IsSafeToRerun => true;

    /// <inheritdoc />
    public async Task<StepResult> ExecuteAsync(PhaseContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = await ResolveAsync(context, cancellationToken).ConfigureAwait(false);
        if (await hub.RepoExistsAsync(target, RepoType.Space, cancellationToken).ConfigureAwait(false))
        {
            return StepResult.Failure(OutcomeCode.TargetExists,
                $"the Space {target} already exists; SpaceFactory never overwrites a Space: choose another name or delete it first");
        }

        context.State.Set(FactoryState.Target, new TargetSpaceRecord { RepoId = target, Url = targets.PageUrl(target), CheckedAbsentAt = context.TimeProvider.GetUtcNow() });
        await context.Recorder.SetTargetAsync(target.ToString(), targets.Links(target), cancellationToken).ConfigureAwait(false);
        return StepResult.Completed($"{target} does not exist yet");
    }

    private async Task<RepoId> ResolveAsync(PhaseContext context, CancellationToken cancellationToken)
    {
        var requested = context.GetParameter(SpaceParameter) ?? context.Target ?? DefaultName(context);
        if (!RepoId.TryParse(requested.Trim(), out var id, out var error))
        {
            throw new RecipeParameterException(SpaceParameter, $"The target Space is invalid: {error}");
        }

        if (id.Namespace is not null)
        {
            return id;
        }

        var me = await hub.WhoAmIAsync(cancellationToken).ConfigureAwait(false);
        return id.WithDefaultNamespace(me.Name);
    }

    /// <summary><c>{model name}-demo</c> for a model, else <c>spacefactory-{run id suffix}</c>; stable across resumes.</summary>
    private static string DefaultName(PhaseContext context)
    {
        var model = context.GetParameter(AnalyzeModelCardStep.ModelParameter);
        if (model is not null && RepoId.TryParse(model.Trim(), out var modelId, out _))
        {
            var name = $"{modelId.Name}-demo";
            return name.Length <= RepoId.MaxNameLength ? name : name[^RepoId.MaxNameLength..].TrimStart('-', '.');
        }

        return $"spacefactory-{context.RunId.Value[^8..]}";
    }
}
