using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Gradio;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Sandbox;

namespace SpaceFactory.Scenarios.Servers;

/// <summary>
/// The Hub a workload talks to: the in-process Sandbox (default) or <c>--url</c>/<c>--token</c>, and the SDK's
/// clients for it, built the way an application builds them (<c>AddHuggingFace</c>).
/// </summary>
internal sealed class HubTarget : IAsyncDisposable
{
    /// <summary>A simulated Gradio app for the Sandbox: one text endpoint that echoes with a suffix.</summary>
    public const string Manifest = """
        {"schema_version": 1, "gradio_version": "6.25.0", "title": "scenario",
         "info": {"named_endpoints": {"/generate": {"parameters": [{"label": "prompt", "parameter_name": "prompt", "parameter_has_default": false, "parameter_default": null, "type": {"type": "string"}, "python_type": {"type": "str", "description": ""}, "component": "Textbox", "example_input": "Hello!!"}],
                                                     "returns": [{"label": "out", "type": {"type": "string"}, "python_type": {"type": "str", "description": ""}, "component": "Textbox"}]}},
                  "unnamed_endpoints": {}},
         "simulation": {"/generate": {"mode": "echo_prefix", "suffix": " [simulated]"}}}
        """;

    private readonly ServiceProvider _provider;

    private HubTarget(HfSandbox? sandbox, Uri endpoint, string token, ServiceProvider provider)
    {
        Sandbox = sandbox;
        Endpoint = endpoint;
        Token = token;
        _provider = provider;
        Hub = provider.GetRequiredService<HubClient>();
        Gradio = provider.GetRequiredService<IGradioClientFactory>();
    }

    public HfSandbox? Sandbox { get; }

    public Uri Endpoint { get; }

    public string Token { get; }

    public HubClient Hub { get; }

    public IGradioClientFactory Gradio { get; }

    /// <summary>The named clients the SDK's clients use (P3 sends its stack floor through the Gradio ones).</summary>
    public IHttpClientFactory HttpClients => _provider.GetRequiredService<IHttpClientFactory>();

    /// <summary>Every request the SDK's clients sent, with its time.</summary>
    public RequestLog Requests { get; private init; } = new();

    public static async Task<HubTarget> StartAsync(ScenarioOptions options, TimeSpan buildDelay, TimeSpan startDelay, CancellationToken cancellationToken)
    {
        HfSandbox? sandbox = null;
        Uri endpoint;
        string token;
        if (options.Url is { } remote)
        {
            endpoint = remote;
            token = options.Token!;
        }
        else
        {
            sandbox = await HfSandbox.StartAsync(
                new HfSandboxOptions { BuildDelay = buildDelay, StartDelay = startDelay, CompileCheck = false, SeedModels = false },
                cancellationToken).ConfigureAwait(false);
            endpoint = sandbox.Endpoint;
            token = sandbox.DefaultToken;
        }

        return Connect(sandbox, endpoint, token);
    }

    /// <summary>The SDK's clients for a Hub that is already up (a child process, or <c>--url</c>).</summary>
    public static HubTarget Connect(HfSandbox? sandbox, Uri endpoint, string token)
    {
        var services = new ServiceCollection();
        var requests = new RequestLog();
        services.ConfigureHttpClientDefaults(b => b.AddHttpMessageHandler(() => new RequestLog.Handler(requests)));
        services.AddHuggingFace(o =>
        {
            o.Endpoint = endpoint;
            o.Token = token;
        });
        return new HubTarget(sandbox, endpoint, token, services.BuildServiceProvider()) { Requests = requests };
    }

    /// <summary>The three files of a simulated Gradio Space (app, requirements, Sandbox manifest).</summary>
    public static IReadOnlyList<(string Path, string Text)> SpaceFileTexts() =>
    [
        ("app.py", "import gradio as gr\n\ndemo = gr.Interface(lambda p: p + ' [simulated]', 'text', 'text', api_name='generate')\ndemo.launch()\n"),
        ("requirements.txt", "gradio==6.25.0\n"),
        ("spacefactory_manifest.json", Manifest),
    ];

    /// <summary>The same files as commit operations.</summary>
    public static IReadOnlyList<CommitOperation> SpaceFiles() => [.. SpaceFileTexts().Select(f => CommitOperation.AddFile(f.Path, f.Text))];

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync().ConfigureAwait(false);
        if (Sandbox is not null)
        {
            await Sandbox.DisposeAsync().ConfigureAwait(false);
        }
    }
}
