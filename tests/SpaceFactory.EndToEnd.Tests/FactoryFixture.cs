using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Core.Records;
using SpaceFactory.Hf;
using SpaceFactory.Phases;
using SpaceFactory.Phases.Steps;
using SpaceFactory.Sandbox;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>A fresh Sandbox and a factory wired to it, with records in a temporary folder.</summary>
internal sealed class FactoryFixture : IAsyncDisposable
{
    private FactoryFixture(HfSandbox sandbox, ServiceProvider services, string recordRoot)
    {
        Sandbox = sandbox;
        Services = services;
        RecordRoot = recordRoot;
        Store = new DirectoryRunStore(recordRoot);
    }

    public HfSandbox Sandbox { get; }

    public ServiceProvider Services { get; }

    public string RecordRoot { get; }

    public DirectoryRunStore Store { get; }

    public ISpaceFactory Factory => Services.GetRequiredService<ISpaceFactory>();

    public static async Task<FactoryFixture> StartAsync(Action<HfSandboxOptions>? sandbox = null, Action<IServiceCollection>? services = null, Action<HfClientOptions>? client = null,
        Action<IServiceCollection, HfSandbox>? sandboxServices = null, Action<IHfBuilder>? factory = null)
    {
        var options = new HfSandboxOptions { BuildDelay = TimeSpan.FromMilliseconds(50), StartDelay = TimeSpan.FromMilliseconds(50), DefaultToken = SecretCanary.Token };
        sandbox?.Invoke(options);
        var started = await HfSandbox.StartAsync(options);
        var recordRoot = Path.Combine(Path.GetTempPath(), "sf-e2e-" + Guid.NewGuid().ToString("N"));
        var collection = new ServiceCollection();
        var hf = collection.AddHuggingFace(o =>
        {
            o.Endpoint = started.Endpoint;
            o.Token = started.DefaultToken;
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(50);
            client?.Invoke(o);
        }).AddSpaceFactory(recordRoot);
        collection.AddSingleton(new SpaceWaitOptions { InitialDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100) });
        factory?.Invoke(hf);
        services?.Invoke(collection);
        sandboxServices?.Invoke(collection, started);
        return new FactoryFixture(started, collection.BuildServiceProvider(), recordRoot);
    }

    public Task<RunResult> RunAsync(string recipe, params (string Key, string Value)[] parameters) =>
        Factory.RunAsync(new FactoryRequest(recipe)
        {
            Parameters = parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            Secrets = new Dictionary<string, string>(StringComparer.Ordinal) { [FactorySecrets.HubToken] = Sandbox.DefaultToken },
        });

    public string RunFolder(RunId runId) => Store.RunFolder(runId);

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        var leaks = SecretCanary.Sweep(RecordRoot).Concat(SecretCanary.Sweep(Sandbox.DataRoot).Select(f => "sandbox: " + f)).ToList();
        await Sandbox.DisposeAsync();
        if (Directory.Exists(RecordRoot))
        {
            Directory.Delete(RecordRoot, recursive: true);
        }

        // Every test that used this fixture fails if the token reached any file of its records.
        Assert.That(leaks, Is.Empty, "the secret canary was found in recorded files");
    }
}
