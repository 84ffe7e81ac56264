namespace SpaceFactory.Phases.Agents.Policy;

/// <summary>Settings of the content policy applied to an agent's edits before anything is uploaded.</summary>
public sealed class AgentPolicyOptions
{
    /// <summary>The Python that parses <c>app.py</c> (only parses: the app is never run).</summary>
    public string Python { get; set; } = "python3";

    /// <summary>How long the parse may take before the check gives up (and refuses).</summary>
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The largest <c>app.py</c> the check reads; a larger one is refused unread.</summary>
    public int MaxAppBytes { get; set; } = 256 * 1024;

    /// <summary>The most lines an edit task may change across its files.</summary>
    public int MaxChangedLines { get; set; } = 200;

    /// <summary>
    /// The hosts (and their subdomains) an app may name in a URL: the Hub's. <c>AddSpaceFactory</c> adds the host
    /// of the configured Hub endpoint.
    /// </summary>
    public ISet<string> AllowedHosts { get; } = new HashSet<string>(["huggingface.co", "hf.co", "hf.space"], StringComparer.OrdinalIgnoreCase);
}
