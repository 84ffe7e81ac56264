namespace SpaceFactory.Core.Pipeline;

/// <summary>One unit of work in a recipe. Steps write only through <see cref="PhaseContext.Recorder"/>.</summary>
public interface IPhaseStep
{
    /// <summary>A stable name, recorded in the run record (e.g. <c>create_private_space</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Whether running the step again after a crash is harmless (it is idempotent or reconciles what it finds).
    /// A step that is not is reported as interrupted on resume, never silently repeated.
    /// </summary>
    bool IsSafeToRerun { get; }

    /// <summary>The longest the step may run; <see langword="null"/> for the factory's default.</summary>
    TimeSpan? Timeout => null;

    /// <summary>Does the step's work.</summary>
    /// <param name="context">The run's context: request, state bag, recorder, logger, clock.</param>
    /// <param name="cancellationToken">Cancelled on run cancellation or step timeout.</param>
    /// <returns>What happened.</returns>
    Task<StepResult> ExecuteAsync(PhaseContext context, CancellationToken cancellationToken);
}
