using System.Text.Json;
using Microsoft.Extensions.Logging;
using SpaceFactory.Core.Records;

namespace SpaceFactory.Core.Pipeline;

/// <summary>What a step gets to work with: the run's request, the shared state bag, the recorder, a logger and the clock.</summary>
public sealed class PhaseContext
{
    private readonly IReadOnlyDictionary<string, string> _secrets;
    private readonly Func<Dictionary<string, JsonElement>, CancellationToken, Task>? _saveState;

    internal PhaseContext(
        RunId runId,
        string recipe,
        IReadOnlyDictionary<string, string> parameters,
        string? target,
        IReadOnlyDictionary<string, string> secrets,
        PhaseState state,
        IRunRecorder recorder,
        ILogger logger,
        TimeProvider timeProvider,
        IServiceProvider? services,
        Func<Dictionary<string, JsonElement>, CancellationToken, Task>? saveState = null)
    {
        _saveState = saveState;
        RunId = runId;
        Recipe = recipe;
        Parameters = parameters;
        Target = target;
        _secrets = secrets;
        State = state;
        Recorder = recorder;
        Logger = logger;
        TimeProvider = timeProvider;
        Services = services;
    }

    /// <summary>The run.</summary>
    public RunId RunId { get; }

    /// <summary>The recipe being run.</summary>
    public string Recipe { get; }

    /// <summary>The request's parameters.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>The request's target, if any.</summary>
    public string? Target { get; }

    /// <summary>Values handed on between steps, persisted with the run.</summary>
    public PhaseState State { get; }

    /// <summary>The only way to write to the run record (every byte is redacted).</summary>
    public IRunRecorder Recorder { get; }

    /// <summary>A logger for the step.</summary>
    public ILogger Logger { get; }

    /// <summary>The clock (use it for every wait and timestamp).</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The host's services, when the factory was built with DI.</summary>
    public IServiceProvider? Services { get; }

    /// <summary>The name of the step currently running.</summary>
    public string StepName { get; internal set; } = string.Empty;

    /// <summary>A parameter's value, or <see langword="null"/> when absent or empty.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The value.</returns>
    public string? GetParameter(string name) =>
        Parameters.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>A parameter's value.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="RecipeParameterException">The parameter is missing; the message names it and the recipe.</exception>
    public string GetRequiredParameter(string name) =>
        GetParameter(name) ?? throw new RecipeParameterException(name, $"The recipe '{Recipe}' needs the parameter '{name}', which the request does not give.");

    /// <summary>
    /// Saves the state bag to the run record now, not only when the step ends: a step that just did something it must
    /// recognise after a crash (created a repository, say) records that first.
    /// </summary>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task.</returns>
    public Task SaveStateAsync(CancellationToken cancellationToken) =>
        _saveState is null ? Task.CompletedTask : _saveState(State.Snapshot(), cancellationToken);

    /// <summary>A secret's value (redacted everywhere it might be recorded), or <see langword="null"/>.</summary>
    /// <param name="name">The secret name, e.g. <c>HF_TOKEN</c>.</param>
    /// <returns>The value.</returns>
    public string? GetSecret(string name) => _secrets.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
