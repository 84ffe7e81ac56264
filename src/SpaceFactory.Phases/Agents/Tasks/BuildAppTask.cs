using System.Text;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases.Agents.Policy;
using SpaceFactory.Phases.Steps;

namespace SpaceFactory.Phases.Agents.Tasks;

/// <summary>
/// The model-card recipe's build mode (parameter <c>agent</c> = <c>pi</c> for a model no template covers): the agent
/// writes <c>app.py</c>, <c>requirements.txt</c> and <c>spacefactory_manifest.json</c> from the model card, or
/// <c>blockers.md</c> when real inference is impossible. The card reaches it only as the data file
/// <c>model_card.md</c>. The wrapper decides (<see cref="BuildJudge"/>): blockers end the run <c>agent_blocked</c>;
/// an app must pass the content policy and the structure check, and is then deployed and validated like a template.
/// </summary>
internal sealed class BuildAppTask(HubClient hub, AgentOutputPolicy? policy = null) : IPiAgentTask
{
    /// <inheritdoc />
    public string Name => "build_app";

    /// <inheritdoc />
    public IReadOnlyList<string> Tools { get; } = ["read", "edit", "write"];

    /// <inheritdoc />
    public bool IsSafeToRerun => true;

    /// <inheritdoc />
    public string? SkipReason(PhaseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return AgentBuildMode.IsOn(context) ? null : "a template serves the model (the agent builds only what no template covers)";
    }

    /// <inheritdoc />
    public async Task<string> PrepareAsync(PhaseContext context, string workspace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var analysis = context.State.Get(FactoryState.Analysis);
        var card = await hub.GetModelCardAsync(analysis.Model, cancellationToken: cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(workspace, BuildJudge.CardFile), card.Content, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        return BuildBrief.Write(analysis);
    }

    /// <inheritdoc />
    public Task<StepResult> JudgeAsync(PhaseContext context, string workspace, PiRunResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(result);
        return new BuildJudge(policy ?? new AgentOutputPolicy()).JudgeAsync(context, workspace, result.ToolCalls, cancellationToken);
    }
}
