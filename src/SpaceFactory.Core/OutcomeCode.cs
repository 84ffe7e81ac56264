using System.Text.Json.Serialization;

namespace SpaceFactory.Core;

/// <summary>
/// What a run achieved, as a stable machine code (an open set: hosts and steps may add codes). Known codes are
/// constants; <see cref="IsSuccess"/> tells the ones that mean the run reached its goal.
/// </summary>
[JsonConverter(typeof(OutcomeCodeJsonConverter))]
public readonly record struct OutcomeCode
{
    /// <summary>Creates a code; lower-case letters, digits and underscores.</summary>
    /// <param name="value">The code, e.g. <c>build_error</c>.</param>
    public OutcomeCode(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (!value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            throw new ArgumentException($"Outcome code '{value}' must use lower-case letters, digits and '_' only.", nameof(value));
        }

        Value = value;
    }

    /// <summary>The live API answered and its output passed the check, with real inference.</summary>
    public static OutcomeCode FullInferenceSuccess { get; } = new("full_inference_success");

    /// <summary>The API answered and passed the check, but the runtime was a simulation (no real inference).</summary>
    public static OutcomeCode SimulatedInferenceSuccess { get; } = new("simulated_inference_success");

    /// <summary>A run that succeeded at what it set out to do, without inference (smoke phases).</summary>
    public static OutcomeCode Completed { get; } = new("completed");

    /// <summary>The requested hardware was refused (quota, billing, permission): a person must choose.</summary>
    public static OutcomeCode ManualHardwareRequired { get; } = new("manual_hardware_required");

    /// <summary>The Space failed to build.</summary>
    public static OutcomeCode BuildError { get; } = new("build_error");

    /// <summary>The Space built but failed at run time.</summary>
    public static OutcomeCode RuntimeError { get; } = new("runtime_error");

    /// <summary>The Space ran but its API did not answer as expected.</summary>
    public static OutcomeCode ValidationFailed { get; } = new("validation_failed");

    /// <summary>The model is not one the factory can build a demo of.</summary>
    public static OutcomeCode UnsupportedModel { get; } = new("unsupported_model");

    /// <summary>Something the user must resolve first (gated model, missing permission).</summary>
    public static OutcomeCode Blocked { get; } = new("blocked");

    /// <summary>The target already exists; the factory never overwrites.</summary>
    public static OutcomeCode TargetExists { get; } = new("target_exists");

    /// <summary>The run was cancelled.</summary>
    public static OutcomeCode Cancelled { get; } = new("cancelled");

    /// <summary>A step was interrupted by a crash and is not safe to re-run.</summary>
    public static OutcomeCode Interrupted { get; } = new("interrupted");

    /// <summary>A step timed out.</summary>
    public static OutcomeCode TimedOut { get; } = new("timed_out");

    /// <summary>Every step ran, but none declared success.</summary>
    public static OutcomeCode Incomplete { get; } = new("incomplete");

    /// <summary>A remote service kept failing after retries; the run can be resumed.</summary>
    public static OutcomeCode ServiceUnavailable { get; } = new("service_unavailable");

    /// <summary>A remote service answered something unreadable (HTML where JSON was expected, a cut or garbled stream).</summary>
    public static OutcomeCode ProtocolError { get; } = new("protocol_error");

    /// <summary>The coding agent did not finish its task (model error, non-zero exit, killed at its time limit).</summary>
    public static OutcomeCode AgentFailed { get; } = new("agent_failed");

    /// <summary>The coding agent finished, but the wrapper's independent check refused its work (the reason names what).</summary>
    public static OutcomeCode AgentPolicyViolation { get; } = new("agent_policy_violation");

    /// <summary>The coding agent asked to build an app found real inference impossible and said why (<c>blockers.md</c>); nothing was deployed.</summary>
    public static OutcomeCode AgentBlocked { get; } = new("agent_blocked");

    /// <summary>A recipe parameter was missing or invalid (the reason names it).</summary>
    public static OutcomeCode InvalidInput { get; } = new("invalid_input");

    /// <summary>A step threw an unexpected exception.</summary>
    public static OutcomeCode InternalError { get; } = new("internal_error");

    /// <summary>The code text.</summary>
    public string Value { get; }

    /// <summary>Whether the code means the run reached its goal.</summary>
    public bool IsSuccess => Value is "full_inference_success" or "simulated_inference_success" or "completed";

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
