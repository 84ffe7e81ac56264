namespace SpaceFactory.Core.Pipeline;

/// <summary>What a step's result asks the executor to do.</summary>
public enum StepResultKind
{
    /// <summary>The step finished; go on.</summary>
    Completed,

    /// <summary>The step finished and declared the run's goal reached (with a success outcome); go on.</summary>
    Succeeded,

    /// <summary>The step failed with a typed outcome; the run ends failed.</summary>
    Failed,

    /// <summary>The step decided not to do anything (with a reason); go on.</summary>
    Skipped,
}
