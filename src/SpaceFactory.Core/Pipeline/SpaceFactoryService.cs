using System.Collections.Concurrent;
using SpaceFactory.Core.Records;

namespace SpaceFactory.Core.Pipeline;

/// <summary>
/// The default <see cref="ISpaceFactory"/>: decides each run's id, runs through an <see cref="IRunExecutor"/>, reads
/// records where that executor writes them and keeps runs cancellable by id.
/// </summary>
internal sealed class SpaceFactoryService : ISpaceFactory
{
    private readonly IRunExecutor _executor;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<RunId, CancellationTokenSource> _inFlight = new();

    /// <summary>Creates the factory.</summary>
    /// <param name="recipes">The recipes offered.</param>
    /// <param name="executor">Where runs execute; <see cref="Runs"/> are its <see cref="IRunExecutor.Records"/>.</param>
    /// <param name="timeProvider">The clock for run ids.</param>
    public SpaceFactoryService(IRecipeCatalog recipes, IRunExecutor executor, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(recipes);
        ArgumentNullException.ThrowIfNull(executor);
        Recipes = recipes;
        Runs = executor.Records;
        _executor = executor;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public IRecipeCatalog Recipes { get; }

    /// <inheritdoc />
    public IRunReader Runs { get; }

    /// <inheritdoc />
    public Task<RunResult> RunAsync(FactoryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var decided = request.WithRunId(_timeProvider);
        return TrackAsync(decided.RunId!.Value, token => _executor.RunAsync(decided, token), cancellationToken);
    }

    /// <inheritdoc />
    public Task<RunResult> ResumeAsync(RunId runId, IReadOnlyDictionary<string, string>? secrets = null, CancellationToken cancellationToken = default) =>
        TrackAsync(runId, token => _executor.ResumeAsync(runId, secrets, token), cancellationToken);

    /// <inheritdoc />
    public bool Cancel(RunId runId)
    {
        if (!_inFlight.TryGetValue(runId, out var source))
        {
            return false;
        }

        source.Cancel();
        return true;
    }

    private async Task<RunResult> TrackAsync(RunId runId, Func<CancellationToken, Task<RunResult>> run, CancellationToken cancellationToken)
    {
        using var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (!_inFlight.TryAdd(runId, source))
        {
            throw new InvalidOperationException($"Run {runId} is already executing in this process.");
        }

        try
        {
            return await run(source.Token).ConfigureAwait(false);
        }
        finally
        {
            _inFlight.TryRemove(runId, out _);
        }
    }
}
