using System.Text;
using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases.Generation;
using SpaceFactory.Phases.Steps;

namespace SpaceFactory.Phases.Agents.Tasks;

/// <summary>
/// Phase 4: the agent follows a written recipe and uses the Hub CLI (<c>hf repo create</c>, <c>hf upload</c>) to create
/// the private target Space and upload the generated app itself. The wrapper then checks on its own: the Space exists,
/// is private and holds every generated file unchanged. A public Space is made private at once and fails the run.
/// The agent uploads the Hub form of the files (<see cref="SandboxOnlyData"/>: the manifest without its Sandbox-only
/// <c>simulation</c>), since the Space does not exist yet to say which Hub it is on; only once the Hub says it is the
/// Sandbox does the wrapper commit the simulation itself, so a real Space never receives it.
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
        AgentWorkspace.Write(workspace, SandboxOnlyData.ForHub(app.Files, toSandbox: false));
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
        var files = SandboxOnlyData.ForHub(app.Files, toSandbox: false);
        SpaceInfo info;
        SpaceContent content;
        try
        {
            info = await hub.GetSpaceInfoAsync(target.RepoId, cancellationToken: cancellationToken).ConfigureAwait(false);
            content = await SpaceContent.CompareAsync(hub, target.RepoId, info, files, cancellationToken).ConfigureAwait(false);
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

        var commit = content.Sha!;
        await context.Recorder.RecordEventAsync("agent_deploy_verified", $"{target.RepoId} exists, is private and holds the {files.Count} generated files (commit {commit})", cancellationToken: cancellationToken).ConfigureAwait(false);
        if (info.IsSandbox == true && SandboxOnlyData.ForHub(app.Files, toSandbox: true).Except(files).ToArray() is [_, ..] sandboxOnly)
        {
            // The Sandbox's simulated runtime needs the simulation to serve the app: the wrapper adds it, the agent never had it.
            var added = await hub.CreateCommitAsync(target.RepoId, RepoType.Space, "SpaceFactory: the Sandbox's simulation of the app",
                sandboxOnly.Select(f => (CommitOperation)CommitOperation.AddFile(f.Path, f.Content)),
                new CommitOptions { ParentCommit = commit }, cancellationToken).ConfigureAwait(false);
            commit = added.CommitOid;
            await context.Recorder.RecordEventAsync("sandbox_simulation_added", $"{target.RepoId} is on the Sandbox: SpaceFactory committed the manifest's simulation (commit {commit})", cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        context.State.Set(FactoryState.Target, target with { Commit = commit, HardwareGranted = "cpu-basic" });
        return StepResult.Completed($"the agent created the private Space {target.RepoId} and uploaded {app.Files.Count} files; verified independently ({result.ToolCalls} tool calls)");
    }
}
