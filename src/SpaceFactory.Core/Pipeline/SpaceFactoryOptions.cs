namespace SpaceFactory.Core.Pipeline;

/// <summary>Settings of the pipeline.</summary>
public sealed class SpaceFactoryOptions
{
    /// <summary>Longest a step may run when it names no limit. Default 30 minutes.</summary>
    public TimeSpan DefaultStepTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Whether files under <c>traces/raw/</c> are written unredacted (agent sessions, for a private record only).
    /// Default false: everything is redacted.
    /// </summary>
    public bool AllowRawTraces { get; set; }

    /// <summary>What <c>state.json</c> names as the executor. Default <c>in-process</c>.</summary>
    public string ExecutorName { get; set; } = "in-process";
}
