using SpaceFactory.Core.Records;

namespace SpaceFactory.Core.Pipeline;

/// <summary>
/// Runs recipes somewhere: in this process (<see cref="InProcessRunExecutor"/>) or elsewhere (e.g. a Hugging Face
/// Job that runs the same steps in a worker and writes the record to a Storage Bucket).
/// </summary>
public interface IRunExecutor
{
    /// <summary>
    /// The records of the runs this executor runs, read where it writes them (a local folder, a Storage Bucket):
    /// what <see cref="ISpaceFactory.Runs"/> shows.
    /// </summary>
    IRunReader Records { get; }

    /// <summary>Runs a request to its end.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the run; it then ends <c>cancelled</c> with a complete record.</param>
    /// <returns>How it ended.</returns>
    Task<RunResult> RunAsync(FactoryRequest request, CancellationToken cancellationToken = default);

    /// <summary>Resumes a run: finished steps are skipped, the event log continues.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="secrets">The secrets again (they are never recorded).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>How it ended.</returns>
    Task<RunResult> ResumeAsync(RunId runId, IReadOnlyDictionary<string, string>? secrets = null, CancellationToken cancellationToken = default);
}
