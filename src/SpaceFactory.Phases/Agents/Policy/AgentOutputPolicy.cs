using SpaceFactory.Core.Redaction;

namespace SpaceFactory.Phases.Agents.Policy;

/// <summary>
/// The wrapper's decision on what an agent's edit may ship, by content (which files changed is checked before, by
/// <see cref="WorkspaceChanges"/>): <c>requirements.txt</c> by <see cref="RequirementsPolicy"/>, <c>app.py</c> by
/// <see cref="PythonAppPolicy"/>, and the size of the edit by <see cref="EditSizePolicy"/>. The files are checked whole,
/// not only the changed lines, so what the agent kept is as bound by the rules as what it wrote.
/// </summary>
public sealed class AgentOutputPolicy
{
    private readonly AgentPolicyOptions _options;
    private readonly PythonAppPolicy _python;

    /// <summary>Creates the policy.</summary>
    /// <param name="options">Its settings; default ones when null.</param>
    public AgentOutputPolicy(AgentPolicyOptions? options = null)
    {
        _options = options ?? new AgentPolicyOptions();
        _python = new PythonAppPolicy(_options);
        Structure = new AppStructureCheck(_options);
    }

    /// <summary>The structure check of an app the agent wrote from nothing, with the same Python and bounds.</summary>
    internal AppStructureCheck Structure { get; }

    /// <summary>The first rule the edited files break (in file and line order), or null when they may ship.</summary>
    /// <param name="before">The files as generated, by path.</param>
    /// <param name="after">The files as the agent left them, by path.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The violation, or null.</returns>
    public async Task<PolicyViolation?> CheckAsync(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return EditSizePolicy.Check(before, after, _options.MaxChangedLines) ?? await CheckContentAsync(after, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The first rule files the agent wrote from nothing break (the build task): the content rules, without the edit
    /// size bound (a whole app is the task; <c>app.py</c> stays bound by <see cref="AgentPolicyOptions.MaxAppBytes"/>).
    /// </summary>
    /// <param name="files">The files as the agent left them, by path.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The violation, or null.</returns>
    internal async Task<PolicyViolation?> CheckContentAsync(IReadOnlyDictionary<string, string> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var after = files;
        // A token written into a file would ship with the Space (the agent may have read its own key).
        foreach (var (path, content) in after.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (TokenShapes.ContainsToken(content))
            {
                var line = content.Split('\n').Select((text, index) => (text, index)).First(l => TokenShapes.ContainsToken(l.text)).index + 1;
                return new PolicyViolation("secret", path, line, "the file holds a token-shaped string");
            }
        }

        if (after.TryGetValue(RequirementsPolicy.FileName, out var requirements) && RequirementsPolicy.Check(requirements) is [var first, ..])
        {
            return first;
        }

        if (after.TryGetValue(PythonAppPolicy.FileName, out var app))
        {
            var found = await _python.CheckAsync(app, cancellationToken).ConfigureAwait(false);
            if (found.Count > 0)
            {
                return found[0];
            }
        }

        return null;
    }
}
