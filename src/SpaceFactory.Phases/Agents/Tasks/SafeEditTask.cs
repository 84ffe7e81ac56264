using System.Text;
using System.Text.Json.Nodes;
using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Phases.Agents.Policy;
using SpaceFactory.Phases.Generation;
using SpaceFactory.Phases.Steps;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Agents.Tasks;

/// <summary>
/// Phase 3: the agent makes one named, safe edit of the smoke app (<c>/echo</c> prefixes its answer, parameter
/// <c>edit_prefix</c>, default <c>Edited by Pi: </c>). The wrapper then accepts only that exact edit of <c>app.py</c>,
/// updates the simulation manifest to match and makes validation expect the edited answer; the content policy
/// (<see cref="AgentOutputPolicy"/>) is checked first.
/// </summary>
internal sealed class SafeEditTask(AgentOutputPolicy? policy = null) : IPiAgentTask
{
    /// <summary>The parameter naming the prefix.</summary>
    public const string PrefixParameter = "edit_prefix";

    /// <summary>The prefix used when the parameter is absent.</summary>
    public const string DefaultPrefix = "Edited by Pi: ";

    private const string EditedFile = "app.py";
    private const string Find = "    return text";

    /// <inheritdoc />
    public string Name => "safe_edit";

    /// <inheritdoc />
    public IReadOnlyList<string> Tools { get; } = ["read", "edit", "write"];

    /// <inheritdoc />
    public bool IsSafeToRerun => true;

    /// <inheritdoc />
    public Task<string> PrepareAsync(PhaseContext context, string workspace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var app = context.State.Get(FactoryState.App);
        var prefix = Prefix(context);
        if (!app.Files.Any(f => string.Equals(f.Path, EditedFile, StringComparison.Ordinal) && f.Content.Contains(Find + "\n", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException("The safe edit needs the smoke app's app.py (its echo function returns its input).");
        }

        AgentWorkspace.Write(workspace, app.Files);
        return Task.FromResult(new StringBuilder()
            .Append("# Task: one safe edit\n\n")
            .Append("Make the Gradio endpoint `/echo` in `app.py` return its input prefixed with the text ")
            .Append(PythonLiteral.String(prefix)).Append(".\n")
            .Append("Change exactly one line of `app.py`, the `return` of the `echo` function, as given below. ")
            .Append("Do not change any other line or file, do not create files, do not run commands.\n\n")
            .Append("## Brief\n\n")
            .Append("- task: safe-edit\n")
            .Append("- file: ").Append(EditedFile).Append('\n')
            .Append("- find: `").Append(Find).Append("`\n")
            .Append("- replace: `").Append(Replacement(prefix)).Append("`\n")
            .ToString());
    }

    /// <inheritdoc />
    public async Task<StepResult> JudgeAsync(PhaseContext context, string workspace, PiRunResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var app = context.State.Get(FactoryState.App);
        var before = app.Files.ToDictionary(f => f.Path, f => f.Content, StringComparer.Ordinal);
        var after = AgentWorkspace.Snapshot(workspace);
        var changes = AgentWorkspace.Compare(before, after);
        if (changes.Violation([EditedFile]) is { } violation)
        {
            return StepResult.Failure(OutcomeCode.AgentPolicyViolation, violation);
        }

        if (await (policy ?? new AgentOutputPolicy()).CheckAsync(before, after, cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return StepResult.Failure(OutcomeCode.AgentPolicyViolation, refused.ToString());
        }

        var prefix = Prefix(context);
        var expected = ReplaceOnce(before[EditedFile], Find + "\n", Replacement(prefix) + "\n");
        if (!string.Equals(after[EditedFile], expected, StringComparison.Ordinal))
        {
            return StepResult.Failure(OutcomeCode.AgentPolicyViolation, changes.Changed.Count == 0
                ? "the agent said it was done, but app.py does not hold the expected edit (it is unchanged)"
                : "app.py does not hold exactly the expected edit: the echo function's return must read " + Replacement(prefix).Trim() + " and no other line may change");
        }

        var probe = app.Probe with { Check = OutputCheckSpec.From(new ExactTextCheck(prefix + ProbeText(app.Probe))) };
        var files = app.Files.Select(f => f.Path switch
        {
            EditedFile => f with { Content = expected },
            GeneratedSpaceApp.ManifestFileName => f with { Content = SimulatePrefix(f.Content, app.Probe.ApiName, prefix) },
            _ => f,
        }).ToArray();
        context.State.Set(FactoryState.App, new GeneratedAppRecord(files, probe));
        await context.Recorder.WriteArtifactAsync("generated/" + EditedFile, expected, cancellationToken).ConfigureAwait(false);
        await context.Recorder.WriteArtifactAsync("agent/safe_edit.diff", $"--- a/{EditedFile}\n+++ b/{EditedFile}\n-{Find}\n+{Replacement(prefix)}\n", cancellationToken).ConfigureAwait(false);
        return StepResult.Completed($"the agent made exactly the expected edit of {EditedFile} ({result.ToolCalls} tool calls); /echo now answers with the prefix {PythonLiteral.String(prefix)}");
    }

    private static string Prefix(PhaseContext context)
    {
        var prefix = context.GetParameter(PrefixParameter) ?? DefaultPrefix;
        if (prefix.Length is 0 or > 60 || prefix.Any(c => char.IsControl(c) || c is '`' or '\\' or '"' or '\''))
        {
            throw new RecipeParameterException(PrefixParameter, "The edit prefix must be 1 to 60 characters without quotes, backslashes, backticks or control characters.");
        }

        return prefix;
    }

    private static string Replacement(string prefix) => "    return " + PythonLiteral.String(prefix) + " + text";

    private static string ProbeText(ProbeRecord probe) =>
        probe.Inputs.Count > 0 && probe.Inputs[0].ValueKind == System.Text.Json.JsonValueKind.String ? probe.Inputs[0].GetString()! : string.Empty;

    private static string ReplaceOnce(string text, string find, string replacement)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return at < 0 ? text : string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + find.Length));
    }

    // The Sandbox simulates the app from its manifest: it must describe the edited behaviour (real Spaces ignore it).
    private static string SimulatePrefix(string manifest, string apiName, string prefix)
    {
        var root = JsonNode.Parse(manifest)!.AsObject();
        if (root["simulation"] is JsonObject simulation)
        {
            simulation[apiName] = new JsonObject { ["mode"] = "echo_prefix", ["prefix"] = prefix, ["suffix"] = string.Empty };
        }

        return root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }
}
