using System.Text.Json.Serialization;

namespace SpaceFactory.Core.Records;

/// <summary>
/// <c>state.json</c>: where a run stands, for programs (the orchestrator UI, CI). Written atomically; versioned by
/// <see cref="SchemaVersion"/>. Documented field by field in <c>docs/run-record.md</c>.
/// </summary>
public sealed record RunState
{
    /// <summary>The schema version written by this library.</summary>
    public const int CurrentSchemaVersion = 1;

    /// <summary>Schema version of this document.</summary>
    [JsonPropertyName("schema_version")]
    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The run id.</summary>
    [JsonPropertyName("run_id")]
    public required string RunId { get; init; }

    /// <summary>The recipe.</summary>
    [JsonPropertyName("recipe")]
    public required string Recipe { get; init; }

    /// <summary>The run's status.</summary>
    [JsonPropertyName("status")]
    public RunStatus Status { get; init; }

    /// <summary>The outcome, once decided.</summary>
    [JsonPropertyName("outcome")]
    public RunOutcome? Outcome { get; init; }

    /// <summary>The step running now (or last run).</summary>
    [JsonPropertyName("current_step")]
    public string? CurrentStep { get; init; }

    /// <summary>The request's parameters.</summary>
    [JsonPropertyName("parameters")]
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The target (e.g. a Space id).</summary>
    [JsonPropertyName("target")]
    public string? Target { get; init; }

    /// <summary>Links for people: the target's URL, its settings, a Job page...</summary>
    [JsonPropertyName("links")]
    public IReadOnlyDictionary<string, string> Links { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The validation result, once validated.</summary>
    [JsonPropertyName("validation")]
    public ValidationSummary? Validation { get; init; }

    /// <summary>Every step of the recipe, in order.</summary>
    [JsonPropertyName("steps")]
    public IReadOnlyList<StepRecord> Steps { get; init; } = [];

    /// <summary>The error that ended the run, if any.</summary>
    [JsonPropertyName("error")]
    public ErrorRecord? Error { get; init; }

    /// <summary>Things a person must resolve (gated access, hardware).</summary>
    [JsonPropertyName("blockers")]
    public IReadOnlyList<string> Blockers { get; init; } = [];

    /// <summary>Where the run executes: <c>in-process</c>, <c>hf-job</c>...</summary>
    [JsonPropertyName("executor")]
    public string Executor { get; init; } = "in-process";

    /// <summary>When the run was created.</summary>
    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the record last changed.</summary>
    [JsonPropertyName("updated_at")]
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the run ended.</summary>
    [JsonPropertyName("ended_at")]
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>How many times the run was resumed.</summary>
    [JsonPropertyName("resumes")]
    public int Resumes { get; init; }
}
