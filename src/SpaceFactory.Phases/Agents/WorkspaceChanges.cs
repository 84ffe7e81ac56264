namespace SpaceFactory.Phases.Agents;

/// <summary>The files an agent added, removed and changed.</summary>
/// <param name="Added">New paths.</param>
/// <param name="Removed">Deleted paths.</param>
/// <param name="Changed">Paths whose content differs.</param>
public sealed record WorkspaceChanges(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed)
{
    /// <summary>Why the changes break the rule "only <paramref name="allowed"/> may change, nothing may appear or vanish"; null when they keep it.</summary>
    /// <param name="allowed">The paths the agent may edit.</param>
    /// <returns>The violation in words, or null.</returns>
    public string? Violation(IReadOnlyCollection<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var problems = new List<string>();
        if (Added.Count > 0)
        {
            problems.Add("created " + string.Join(", ", Added));
        }

        if (Removed.Count > 0)
        {
            problems.Add("deleted " + string.Join(", ", Removed));
        }

        var forbidden = Changed.Where(p => !allowed.Contains(p, StringComparer.Ordinal)).ToArray();
        if (forbidden.Length > 0)
        {
            problems.Add("changed " + string.Join(", ", forbidden) + $", which it was not allowed to edit (allowed: {string.Join(", ", allowed)})");
        }

        return problems.Count == 0 ? null : "the agent " + string.Join("; ", problems);
    }
}
