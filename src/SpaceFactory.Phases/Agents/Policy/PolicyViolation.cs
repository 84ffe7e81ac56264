namespace SpaceFactory.Phases.Agents.Policy;

/// <summary>One rule of the agent policy that the agent's output breaks.</summary>
/// <param name="Rule">The rule, e.g. <c>environment</c> or <c>requirements_option</c> (docs/security.md lists them).</param>
/// <param name="File">The file, e.g. <c>app.py</c>.</param>
/// <param name="Line">The line (from 1), or 0 when the rule concerns the whole file.</param>
/// <param name="Detail">What the file does, in words.</param>
public sealed record PolicyViolation(string Rule, string File, int Line, string Detail)
{
    /// <summary>The violation as the run's reason: rule, file, line and what was found.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"the agent policy refused {File}{(Line > 0 ? $" line {Line}" : string.Empty)} (rule {Rule}): {Detail}; nothing was uploaded";
}
