using System.Globalization;
using System.Text;
using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;

namespace SpaceFactory.Phases.Agents;

/// <summary>
/// Runs the Pi coding agent on one <see cref="IPiAgentTask"/>: ensures <c>pi</c> is installed, writes a per-run agent
/// folder, runs the task under a wall-clock limit, records <c>logs/pi_output.txt</c>, the session trace
/// (<c>traces/raw/</c>) and its redacted copy (<c>traces/redacted/</c>), and lets the task judge the result. The agent
/// succeeded only with exit code 0 and a final answer that stopped normally without an error.
/// </summary>
/// <param name="task">The task.</param>
/// <param name="installer">Finds or installs pi.</param>
/// <param name="options">pi's settings.</param>
/// <param name="hubEndpoint">The run's Hub, always the agent's <c>HF_ENDPOINT</c> (null: the host's <c>HF_ENDPOINT</c> or the public Hub).</param>
public sealed class PiAgentStep(IPiAgentTask task, PiInstaller installer, PiAgentOptions options, Uri? hubEndpoint = null) : IPhaseStep
{
    /// <inheritdoc />
    public string Name => "pi_" + task.Name;

    /// <inheritdoc />
    public bool IsSafeToRerun => task.IsSafeToRerun;

    /// <inheritdoc />
    public async Task<StepResult> ExecuteAsync(PhaseContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (task.SkipReason(context) is { } skip)
        {
            return StepResult.Skipped(skip);
        }

        if (context.GetSecret(FactorySecrets.HubToken) is not { } key)
        {
            return StepResult.Failure(OutcomeCode.Blocked, "the coding agent needs the run's HF_TOKEN secret (its key for the model provider)");
        }

        string executable;
        try
        {
            executable = await installer.EnsureAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PiAgentUnavailableException ex)
        {
            return StepResult.Failure(OutcomeCode.Blocked, "the Pi coding agent is not available: " + ex.Message);
        }

        using var folder = PiAgentFolder.Create(task.Name);
        var brief = await task.PrepareAsync(context, folder.Workspace, cancellationToken).ConfigureAwait(false);
        // Only a task that acts on the Hub gets the token in its environment; the others get the model key through
        // models.json alone, so a command or library inside the agent finds no Hub credential.
        folder.Write(options, brief, task.NeedsHubToken ? null : key);
        await context.Recorder.WriteArtifactAsync($"agent/{task.Name}/brief.md", brief, cancellationToken).ConfigureAwait(false);
        await context.Recorder.RecordEventAsync("agent_started", $"pi ({options.Package}@{options.Version}) started on {task.Name} with model {options.Model}, tools {string.Join(",", task.Tools)}, limit {options.TimeLimit.TotalSeconds:F0} s", cancellationToken: cancellationToken).ConfigureAwait(false);

        var redactor = new TraceRedactor([key], folder.Root);
        var runner = new PiProcessRunner(options, context.TimeProvider, context.Logger);
        PiRunResult result;
        string transcript;
        try
        {
            (result, transcript) = await runner.RunAsync(executable, folder, task.Name, task.Tools, task.NeedsHubToken ? key : null, hubEndpoint, cancellationToken).ConfigureAwait(false);
        }
        catch (PiAgentUnavailableException ex)
        {
            return StepResult.Failure(OutcomeCode.Blocked, "the Pi coding agent is not available: " + ex.Message);
        }

        await RecordAsync(context, folder, redactor, transcript, cancellationToken).ConfigureAwait(false);
        await context.Recorder.RecordEventAsync("agent_finished", string.Create(CultureInfo.InvariantCulture,
            $"pi ended {task.Name}: exit code {result.ExitCode}, stop reason {result.StopReason ?? "none"}, {result.ToolCalls} tool calls, {result.Duration.TotalSeconds:F1} s{(result.TimedOut ? ", stopped at the time limit" : string.Empty)}"),
            cancellationToken: cancellationToken).ConfigureAwait(false);

        if (!result.Succeeded)
        {
            return StepResult.Failure(OutcomeCode.AgentFailed, $"the coding agent did not finish {task.Name}: {redactor.RedactText(result.FailureReason!)}");
        }

        return await task.JudgeAsync(context, folder.Workspace, result, cancellationToken).ConfigureAwait(false);
    }

    private async Task RecordAsync(PhaseContext context, PiAgentFolder folder, TraceRedactor redactor, string transcript, CancellationToken cancellationToken)
    {
        await context.Recorder.WriteArtifactAsync("logs/pi_output.txt", redactor.RedactText(transcript), cancellationToken).ConfigureAwait(false);
        if (!File.Exists(folder.SessionPath))
        {
            return; // pi writes the session lazily, once the first assistant message exists
        }

        // Read once: the raw trace goes to the private record (the recorder still removes the run's secrets unless raw
        // traces are allowed), the redacted copy is made from the same text.
        var session = await File.ReadAllTextAsync(folder.SessionPath, cancellationToken).ConfigureAwait(false);
        await context.Recorder.WriteArtifactAsync($"traces/raw/{task.Name}.jsonl", session, cancellationToken).ConfigureAwait(false);
        var redacted = new StringBuilder(session.Length);
        foreach (var line in session.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            redacted.Append(redactor.RedactLine(line.TrimEnd('\r'))).Append('\n');
        }

        await context.Recorder.WriteArtifactAsync($"traces/redacted/{task.Name}.jsonl", redacted.ToString(), cancellationToken).ConfigureAwait(false);
    }
}
