using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SpaceFactory.Core.Telemetry;

/// <summary>The <see cref="ActivitySource"/> and <see cref="Meter"/> of the pipeline, both named <c>SpaceFactory.Core</c>.</summary>
public static class SpaceFactoryTelemetry
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "SpaceFactory.Core";

    /// <summary>One span per run (<c>run {recipe}</c>) and per step (<c>step {name}</c>).</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    /// <summary>Runs started (tag <c>recipe</c>).</summary>
    public static readonly Counter<long> RunsStarted = Meter.CreateCounter<long>("spacefactory.runs.started", description: "Runs started or resumed");

    /// <summary>Runs ended (tags <c>recipe</c>, <c>status</c>, <c>outcome</c>).</summary>
    public static readonly Counter<long> RunsEnded = Meter.CreateCounter<long>("spacefactory.runs.ended", description: "Runs ended");

    /// <summary>Steps ended (tags <c>step</c>, <c>status</c>).</summary>
    public static readonly Counter<long> StepsEnded = Meter.CreateCounter<long>("spacefactory.steps.ended", description: "Steps ended");

    /// <summary>Step durations in seconds (tag <c>step</c>).</summary>
    public static readonly Histogram<double> StepDuration = Meter.CreateHistogram<double>("spacefactory.step.duration", "s", "Step duration");

    /// <summary>Run durations in seconds (tag <c>recipe</c>).</summary>
    public static readonly Histogram<double> RunDuration = Meter.CreateHistogram<double>("spacefactory.run.duration", "s", "Run duration, from creation to end");
}
