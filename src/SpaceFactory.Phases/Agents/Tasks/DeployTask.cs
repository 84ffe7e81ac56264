using System.Text;
using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases.Steps;

namespace SpaceFactory.Phases.Agents.Tasks;

/// <summary>
/// Phase 4: the agent follows a written recipe and uses the Hub CLI (<c>hf repo create</c>, <c>hf upload</c>) to create
/// the private target Space and upload the generated app itself. The wrapper then checks on its own: the Space exists,
/// is private and holds every generated file unchanged. A public Space is made private at once and fails the run.
/// </summary>
internal sealed class DeployTask(HubClient hub) : IPiAgentTask
{
    /// <inheritdoc />
    public string Name => "deploy";

    /// <inheritdoc />
    public IReadOnlyList<string> Tools { get; } = ["read", "bash"];

    /// <inheritdoc />
    public bool IsSafeToRerun => false;

    /// <inheritdoc />
    public bool NeedsHubToken => true;

    /// <inheritdoc />
    public Task<string> PrepareAsync(PhaseContext context, string workspace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var app = context.State.Get(FactoryState.App);
        var target = context.State.Get(FactoryState.Target);
        AgentWorkspace.Write(workspace, app.Files);
        return Task.FromResult(new StringBuilder()
            .Append("# Task: deploy the generated Gradio app as a private Space\n\n")
            .Append("The current directory holds a generated Gradio app: ").Append(string.Join(", ", app.Files.Select(f => "`" + f.Path + "`"))).Append(".\n")
            .Append("Use the `hf` command-line tool (already authenticated through the environment) and follow this recipe:\n\n")
            .Append("1. Create the Space **privately**: `hf repo create ").Append(target.RepoId).Append(" --repo-type space --space-sdk gradio --private`\n")
            .Append("2. Upload every file of the current directory in one commit: `hf upload ").Append(target.RepoId).Append(" . . --repo-type space`\n")
            .Append("3. Reply with one sentence saying what you did.\n\n")
            .Append("Never make the Space public, never print or echo tokens or environment variables, and do not edit the files.\n\n")
            .Append("## Brief\n\n")
            .Append("- task: deploy\n")
            .Append("- space: ").Append(target.RepoId).Append('\n')
            .ToString());
    }

    /// <inheritdoc />
    public async Task<StepResult> JudgeAsync(PhaseContext context, string workspace, PiRunResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var app = context.State.Get(FactoryState.App);
        var target = context.State.Get(FactoryState.Target);
        SpaceContent content;
        try
        {
            content = await SpaceContent.ReadAsync(hub, target.RepoId, app.Files, cancellationToken).ConfigureAwait(false);
        }
        catch (HfNotFoundException)
        {
            return StepResult.Failure(OutcomeCode.AgentPolicyViolation, $"the agent finished, but the Space {target.RepoId} does not exist");
        }

        if (content.Private != true)
        {
            // Contain first: the user's app must not stay public because an agent disobeyed.
            await hub.UpdateRepoVisibilityAsync(target.RepoId, RepoType.Space, RepoVisibility.Private, cancellationToken).ConfigureAwait(false);
            await context.Recorder.RecordEventAsync("space_made_private", $"the agent created {target.RepoId} as a public Space; SpaceFactory made it private", cancellationToken: cancellationToken).ConfigureAwait(false);
            return StepResult.Failure(OutcomeCode.AgentPolicyViolation, $"the agent created {target.RepoId} as a public Space (the recipe requires a private one); it was made private");
        }

        if (!content.HoldsAll)
        {
            var problems = content.Missing.Select(p => p + " is missing").Concat(content.Different.Select(p => p + " differs from the generated file"));
            return StepResult.Failure(OutcomeCode.AgentPolicyViolation, $"the Space {target.RepoId} does not hold the generated app: {string.Join("; ", problems)}");
        }

        context.State.Set(FactoryState.Target, target with { Commit = content.Sha, HardwareGranted = "cpu-basic" });
        await context.Recorder.RecordEventAsync("agent_deploy_verified", $"{target.RepoId} exists, is private and holds the {app.Files.Count} generated files (commit {content.Sha})", cancellationToken: cancellationToken).ConfigureAwait(false);
        return StepResult.Completed($"the agent created the private Space {target.RepoId} and uploaded {app.Files.Count} files; verified independently ({result.ToolCalls} tool calls)");
    }
}
