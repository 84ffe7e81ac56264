using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Core.Records;
using SpaceFactory.Hf;
using WireMock.Server;

namespace SpaceFactory.Phases.Tests.Steps;

/// <summary>Runs one or a few HF steps as a recipe against a WireMock Hub, with an in-memory record.</summary>
internal sealed class StepHarness : IDisposable
{
    public const string Token = "hf_steptesttoken0123456789abcdefg";

    /// <summary>Step-level attempts of writes and validation calls in these tests.</summary>
    public const int MaxAttempts = 3;

    private readonly ServiceProvider _provider;

    public StepHarness()
    {
        Hub = WireMockServer.Start();
        var services = new ServiceCollection();
        services.AddHuggingFace(o =>
        {
            o.Endpoint = new Uri(Hub.Url!);
            o.Token = Token;
            o.MaxRetries = 1;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(1);
        }).AddSpaceFactory("/nonexistent-unused");
        services.AddSingleton(new SpaceFactory.Phases.Steps.StepRetryOptions { MaxAttempts = MaxAttempts, Delay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(1) });
        services.AddSingleton<IRunStore>(Store);
        _provider = services.BuildServiceProvider();
    }

    public WireMockServer Hub { get; }

    public InMemoryRunStore Store { get; } = new();

    public IServiceProvider Services => _provider;

    public T Step<T>()
        where T : notnull => _provider.GetRequiredService<T>();

    public Task<(RunResult Result, RunState State)> RunAsync(IReadOnlyList<IPhaseStep> steps, params (string Key, string Value)[] parameters) =>
        RunAsync(steps, new Dictionary<string, string>(), parameters);

    /// <summary>Runs the steps with the run's token and <paramref name="extraSecrets"/>.</summary>
    public async Task<(RunResult Result, RunState State)> RunAsync(IReadOnlyList<IPhaseStep> steps, IReadOnlyDictionary<string, string> extraSecrets, params (string Key, string Value)[] parameters)
    {
        var executor = new InProcessRunExecutor(new RecipeCatalog([new Recipe("steps", steps)]), Store, services: _provider);
        var result = await executor.RunAsync(new FactoryRequest("steps")
        {
            Parameters = parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            Secrets = new Dictionary<string, string>(extraSecrets, StringComparer.Ordinal) { [FactorySecrets.HubToken] = Token },
        });
        return (result, (await Store.GetStateAsync(result.RunId))!);
    }

    public async Task<string?> ReadAsync(RunId runId, string path)
    {
        var stream = await Store.OpenFileAsync(runId, path);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    public void Dispose()
    {
        _provider.Dispose();
        Hub.Stop();
        Hub.Dispose();
    }
}
