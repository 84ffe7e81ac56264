using SpaceFactory.Core.Pipeline;

namespace SpaceFactory.Phases.Agents;

/// <summary>
/// One job for the coding agent, as <see cref="PiAgentStep"/> runs it: prepare the workspace and the brief, let
/// <c>pi</c> work, then judge the outcome independently of what the agent said.
/// </summary>
public interface IPiAgentTask
{
    /// <summary>A short name (<c>safe_edit</c>): the step is <c>pi_{name}</c>, the trace <c>traces/…/{name}.jsonl</c>.</summary>
    string Name { get; }

    /// <summary>The built-in tools the agent may use (<c>read</c>, <c>edit</c>, <c>write</c>, <c>bash</c>, …).</summary>
    IReadOnlyList<string> Tools { get; }

    /// <summary>Whether the task may run again after an interruption (false once it acts on the Hub).</summary>
    bool IsSafeToRerun { get; }

    /// <summary>
    /// Whether the agent acts on the Hub itself (with <c>hf</c>) and so needs the run's token as <c>HF_TOKEN</c> in its
    /// environment. False (the default) keeps every Hub token out of the agent's process: the model key reaches pi
    /// through its provider configuration only.
    /// </summary>
    bool NeedsHubToken => false;

    /// <summary>Why the task does not apply to this run (the step is then skipped); null when it does.</summary>
    /// <param name="context">The run.</param>
    /// <returns>The reason to skip, or null.</returns>
    string? SkipReason(PhaseContext context) => null;

    /// <summary>Fills <paramref name="workspace"/> and writes the brief.</summary>
    /// <param name="context">The run.</param>
    /// <param name="workspace">The empty folder the agent will work in.</param>
    /// <param name="cancellationToken">Cancels the preparation.</param>
    /// <returns>The brief (instructions in Markdown; data the agent must not obey stays in workspace files).</returns>
    Task<string> PrepareAsync(PhaseContext context, string workspace, CancellationToken cancellationToken);

    /// <summary>Checks the agent's work after it finished successfully, and hands its result on.</summary>
    /// <param name="context">The run.</param>
    /// <param name="workspace">The folder as the agent left it.</param>
    /// <param name="result">How the agent ended.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The step's result: completed, or a failure naming what the agent did wrong.</returns>
    Task<StepResult> JudgeAsync(PhaseContext context, string workspace, PiRunResult result, CancellationToken cancellationToken);
}
