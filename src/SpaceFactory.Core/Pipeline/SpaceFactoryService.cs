using System.Collections.Concurrent;
using SpaceFactory.Core.Records;

namespace SpaceFactory.Core.Pipeline;

/// <summary>The default <see cref="ISpaceFactory"/>: runs through an <see cref="IRunExecutor"/> and keeps runs cancellable by id.</summary>
internal sealed class SpaceFactoryService : ISpaceFactory
{
    private readonly IRunExecutor _executor;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<RunId, CancellationTokenSource> _inFlight = new();

    /// <summary>Creates the factory.</summary>
    /// <param name="recipes">The recipes offered.</param>
    /// <param name="runs">Where records are read.</param>
    /// <param name="executor">Where runs execute.</param>
    /// <param name="timeProvider">The clock for run ids.</param>
    public SpaceFactoryService(IRecipeCatalog recipes, IRunReader runs, IRunExecutor executor, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(recipes);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(executor);
        Recipes = recipes;
        Runs = runs;
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
        var runId = request.RunId ?? RunId.New(_timeProvider);
        return TrackAsync(runId, token => _executor.RunAsync(request with { RunId = runId }, token), cancellationToken);
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
