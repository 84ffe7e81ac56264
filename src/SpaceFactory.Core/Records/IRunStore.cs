namespace SpaceFactory.Core.Records;

/// <summary>Where run records live, readable and writable: a folder (<see cref="DirectoryRunStore"/>) or memory.</summary>
public interface IRunStore : IRunReader
{
    /// <summary>Opens the writer of one run, creating its folder when needed.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>The writer; dispose it when the run ends.</returns>
    Task<IRunWriter> OpenWriterAsync(RunId runId, CancellationToken cancellationToken = default);
}
