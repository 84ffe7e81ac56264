using System.Text.Json.Serialization;
using SpaceFactory.Hf.Serialization;

namespace SpaceFactory.Hf.Jobs;

/// <summary>
/// The stage of a Job (<c>status.stage</c>). An open set: the known stages are constants, and any other spelling the
/// Hub sends is kept as it is (and is not terminal) rather than failing.
/// </summary>
[JsonConverter(typeof(WireStringJsonConverter<JobStage>))]
[System.Diagnostics.CodeAnalysis.Experimental("SFHF001")]
public readonly record struct JobStage : IWireString<JobStage>
{
    private readonly string? _value;

    /// <summary>Creates a stage from its wire spelling.</summary>
    /// <param name="value">The spelling, e.g. <c>RUNNING</c>.</param>
    public JobStage(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value;
    }

    private JobStage(string value, bool fromWire)
    {
        _value = value;
        _ = fromWire;
    }

    /// <summary>Waiting for hardware.</summary>
    public static JobStage Scheduling { get; } = new("SCHEDULING");

    /// <summary>The container is running.</summary>
    public static JobStage Running { get; } = new("RUNNING");

    /// <summary>The Job is being updated (seen by the log stream; still running).</summary>
    public static JobStage Updating { get; } = new("UPDATING");

    /// <summary>The command exited with status 0 (terminal).</summary>
    public static JobStage Completed { get; } = new("COMPLETED");

    /// <summary>The Job was cancelled (terminal).</summary>
    public static JobStage Canceled { get; } = new("CANCELED");

    /// <summary>The Job failed: non-zero exit, timeout or infrastructure error; see <see cref="JobStatus.Message"/> (terminal).</summary>
    public static JobStage Error { get; } = new("ERROR");

    /// <summary>The Job was deleted (terminal).</summary>
    public static JobStage Deleted { get; } = new("DELETED");

    /// <summary>The wire spelling; empty for a default value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether the Job can no longer change: COMPLETED, CANCELED, ERROR or DELETED. Unknown stages are not terminal.</summary>
    public bool IsTerminal => Value is "COMPLETED" or "CANCELED" or "ERROR" or "DELETED";

    /// <summary>Whether this is one of the stages listed as constants here.</summary>
    public bool IsKnown => IsTerminal || Value is "SCHEDULING" or "RUNNING" or "UPDATING";

    string? IWireString<JobStage>.WireValue => _value;

    /// <inheritdoc />
    static JobStage IWireString<JobStage>.FromWire(string value) => new(value, fromWire: true);

    /// <summary>The wire spelling.</summary>
    /// <returns><see cref="Value"/>.</returns>
    public override string ToString() => Value;
}
