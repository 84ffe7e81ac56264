using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SpaceFactory.Hf;
using SpaceFactory.Phases;
using SpaceFactory.Phases.Steps;

namespace SpaceFactory.Cli.Hosting;

/// <summary>Composes the SDK for a CLI command: Hugging Face clients, the factory's recipes and a record folder.</summary>
internal static class FactoryHost
{
    public static ServiceProvider Build(FactoryConnection connection, string recordRoot, bool verbose, Action<IHfBuilder>? configure = null)
    {
        var services = new ServiceCollection();
        AddLogging(services, verbose);
        var hf = services.AddHuggingFace(o =>
        {
            o.Endpoint = connection.Endpoint;
            o.Token = connection.Token;
        }).AddSpaceFactory(recordRoot).ConfigurePiAgent(pi => PiAgentSettings.Apply(pi, connection));
        if (connection.IsSandbox)
        {
            // The Sandbox builds in a fraction of a second: look often.
            services.AddSingleton(new SpaceWaitOptions { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(500) });
        }

        configure?.Invoke(hf);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        StartupTrace.Mark("di-built");
        return provider;
    }

    /// <summary>
    /// Only the Hugging Face clients, for the verbs that read records (<c>status</c>, <c>runs</c>, <c>cancel</c> and
    /// <c>monitors</c> with <c>--bucket</c>) and <c>validate --schedule</c>: built by hand (<see cref="HfClients"/>), with
    /// no service provider, options monitors or <see cref="IHttpClientFactory"/>, and logging that is only set up when
    /// something is logged, so the first request leaves sooner (docs/performance.md, P0).
    /// </summary>
    public static CliClients BuildClients(FactoryConnection connection, bool verbose)
    {
        var minimum = verbose ? LogLevel.Information : LogLevel.Warning;
        var logging = new DeferredLoggerFactory(() => LoggerFactory.Create(logging => ConfigureLogging(logging, verbose)), minimum);
        var clients = new CliClients(new HfClients(connection.ToOptions(), loggerFactory: logging), logging);
        StartupTrace.Mark("clients-built");
        return clients;
    }

    /// <summary>Logs to stderr (never mixed with <c>--json</c> on stdout): warnings, or the pipeline's steps with <c>--verbose</c>.</summary>
    public static void AddLogging(IServiceCollection services, bool verbose)
    {
        WithoutRequestLoggers(services);
        services.AddLogging(logging => ConfigureLogging(logging, verbose));
    }

    private static void ConfigureLogging(ILoggingBuilder logging, bool verbose)
    {
        logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
        logging.AddSimpleConsole(o => o.SingleLine = true);
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace); // logs never mix with --json on stdout
        logging.AddFilter("System.Net.Http", LogLevel.Warning);
        logging.AddFilter("Polly", verbose ? LogLevel.Information : LogLevel.None);
        // A failed step's warning names its exception type; the progress, the summary and report.md already say
        // why in words, so people see that line only with --verbose.
        logging.AddFilter("SpaceFactory.Core.Pipeline.InProcessRunExecutor", verbose ? LogLevel.Information : LogLevel.Error);
    }

    /// <summary>
    /// Drops <c>IHttpClientFactory</c>'s per-request logging handlers from every client: they log at Information and
    /// below only, which the CLI filters out anyway, yet each costs loggers and JIT on the start path.
    /// </summary>
    public static IServiceCollection WithoutRequestLoggers(IServiceCollection services) =>
        services.ConfigureHttpClientDefaults(static http => http.RemoveAllLoggers());
}
