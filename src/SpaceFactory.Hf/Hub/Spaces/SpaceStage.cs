using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Hub;

/// <summary>
/// The stage of a Space (<c>runtime.stage</c>). An open set: the Hub adds stages over time, and an unknown stage is
/// kept as it is rather than rejected. Compared case-insensitively.
/// </summary>
[JsonConverter(typeof(SpaceStageJsonConverter))]
public readonly struct SpaceStage : IEquatable<SpaceStage>
{
    private readonly string? _value;

    /// <summary>Creates a stage from its wire value.</summary>
    /// <param name="value">The wire value, e.g. <c>RUNNING</c>.</param>
    public SpaceStage(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    /// <summary>The Space has no app file yet (normal before the first commit).</summary>
    public static SpaceStage NoAppFile { get; } = new("NO_APP_FILE");

    /// <summary>The README's configuration is invalid.</summary>
    public static SpaceStage ConfigError { get; } = new("CONFIG_ERROR");

    /// <summary>The image is being built.</summary>
    public static SpaceStage Building { get; } = new("BUILDING");

    /// <summary>The build failed; see the build logs.</summary>
    public static SpaceStage BuildError { get; } = new("BUILD_ERROR");

    /// <summary>The app is starting.</summary>
    public static SpaceStage AppStarting { get; } = new("APP_STARTING");

    /// <summary>The app is running.</summary>
    public static SpaceStage Running { get; } = new("RUNNING");

    /// <summary>The previous version runs while a new one is built.</summary>
    public static SpaceStage RunningBuilding { get; } = new("RUNNING_BUILDING");

    /// <summary>The previous version runs while a new one starts.</summary>
    public static SpaceStage RunningAppStarting { get; } = new("RUNNING_APP_STARTING");

    /// <summary>The app crashed; see the run logs.</summary>
    public static SpaceStage RuntimeError { get; } = new("RUNTIME_ERROR");

    /// <summary>The Space is being deleted.</summary>
    public static SpaceStage Deleting { get; } = new("DELETING");

    /// <summary>The Space is stopped.</summary>
    public static SpaceStage Stopped { get; } = new("STOPPED");

    /// <summary>The Space was paused by its owner; only a restart brings it back.</summary>
    public static SpaceStage Paused { get; } = new("PAUSED");

    /// <summary>The Space sleeps after inactivity; a visit or a restart wakes it.</summary>
    public static SpaceStage Sleeping { get; } = new("SLEEPING");

    /// <summary>The wire value, e.g. <c>RUNNING</c>; empty for <see langword="default"/>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether the Space is on its way somewhere else (building or starting): keep waiting.</summary>
    public bool IsTransitional => this == Building || this == RunningBuilding || this == AppStarting || this == RunningAppStarting;

    /// <summary>Whether the Space failed (build, runtime or configuration error): waiting longer will not help.</summary>
    public bool IsError => this == BuildError || this == RuntimeError || this == ConfigError;

    /// <summary>Whether the app is serving (<c>RUNNING</c>).</summary>
    public bool IsRunning => this == Running;

    /// <summary>What the stage means to a caller waiting for the Space to serve (running, on its way, asleep, or stuck).</summary>
    public SpaceStageKind Kind =>
        IsRunning ? SpaceStageKind.Running
        : IsTransitional ? SpaceStageKind.Transitional
        : this == Sleeping ? SpaceStageKind.NeedsWake
        : SpaceStageKind.Fatal;

    /// <summary>Compares two stages case-insensitively.</summary>
    /// <param name="left">A stage.</param>
    /// <param name="right">Another stage.</param>
    /// <returns>Whether they are the same stage.</returns>
    public static bool operator ==(SpaceStage left, SpaceStage right) => left.Equals(right);

    /// <summary>Compares two stages case-insensitively.</summary>
    /// <param name="left">A stage.</param>
    /// <param name="right">Another stage.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(SpaceStage left, SpaceStage right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(SpaceStage other) => string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SpaceStage other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
