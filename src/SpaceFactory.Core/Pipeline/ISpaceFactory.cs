using SpaceFactory.Core.Records;

namespace SpaceFactory.Core.Pipeline;

/// <summary>The factory: start a run from a request, resume one by id, cancel one, read records.</summary>
public interface ISpaceFactory
{
    /// <summary>The recipes offered.</summary>
    IRecipeCatalog Recipes { get; }

    /// <summary>The run records.</summary>
    IRunReader Runs { get; }

    /// <summary>Starts a run and waits for its end.</summary>
    /// <param name="request">What to run.</param>
    /// <param name="cancellationToken">Cancels the run; it then ends <c>cancelled</c> with a complete record.</param>
    /// <returns>How it ended.</returns>
    Task<RunResult> RunAsync(FactoryRequest request, CancellationToken cancellationToken = default);

    /// <summary>Resumes a run after a crash, a failure or a cancellation.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="secrets">The secrets again (they are never recorded).</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>How it ended.</returns>
    Task<RunResult> ResumeAsync(RunId runId, IReadOnlyDictionary<string, string>? secrets = null, CancellationToken cancellationToken = default);

    /// <summary>Cancels a run this factory is executing.</summary>
    /// <param name="runId">The run.</param>
    /// <returns>Whether such a run was in progress here.</returns>
    bool Cancel(RunId runId);
}
