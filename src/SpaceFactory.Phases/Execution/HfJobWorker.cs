using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Core;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf;

namespace SpaceFactory.Phases.Execution;

/// <summary>
/// The worker's entry point inside a Job that <see cref="HfJobExecutor"/> launched: it reads
/// <see cref="WorkerArguments"/> and the token from the Job secret <c>HF_TOKEN</c>, runs (or resumes) the recipe with
/// the record in a <see cref="Core.Records.DirectoryRunStore"/> on the mounted Bucket folder, and returns how it ended. The CLI's
/// <c>worker</c> verb calls it; so can the entry point of an image of your own, with your recipes added through
/// <see cref="HfJobWorkerOptions.Configure"/>.
/// </summary>
/// <example>
/// <code>
/// var worker = new HfJobWorker(new HfJobWorkerOptions { Configure = hf => hf.Services.AddRecipe(new MyRecipe()) });
/// var result = await worker.RunAsync(args, cancellationToken);
/// return HfJobWorker.ExitCode(result);
/// </code>
/// </example>
/// <param name="options">Where the token comes from and which services the host adds; defaults when absent.</param>
public sealed class HfJobWorker(HfJobWorkerOptions? options = null)
{
    /// <summary>What <c>state.json</c> names as the executor of a run made by the worker.</summary>
    public const string ExecutorName = "hf-job";

    /// <summary>The variable that names the Hub the worker talks to (set by the executor for any Hub but the public one).</summary>
    internal const string EndpointVariable = "HF_ENDPOINT";

    private readonly HfJobWorkerOptions _options = options ?? new HfJobWorkerOptions();

    /// <summary>Parses the worker's arguments and runs them.</summary>
    /// <param name="args">The arguments after the worker command (<see cref="WorkerArguments.Syntax"/>).</param>
    /// <param name="cancellationToken">Cancels the run; it then ends <c>cancelled</c> with a complete record.</param>
    /// <returns>How the run ended.</returns>
    /// <exception cref="WorkerArgumentsException">The arguments are not the worker's.</exception>
    /// <exception cref="MissingJobTokenException">The Job secret <c>HF_TOKEN</c> is missing.</exception>
    public Task<RunResult> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default) =>
        RunAsync(WorkerArguments.Parse(args), cancellationToken);

    /// <summary>Runs or resumes the invocation's recipe, writing the record under <see cref="WorkerInvocation.RecordRoot"/>.</summary>
    /// <param name="invocation">What to do.</param>
    /// <param name="cancellationToken">Cancels the run; it then ends <c>cancelled</c> with a complete record.</param>
    /// <returns>How the run ended.</returns>
    /// <exception cref="MissingJobTokenException">The Job secret <c>HF_TOKEN</c> is missing.</exception>
    public async Task<RunResult> RunAsync(WorkerInvocation invocation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var token = Variable(HfClientOptions.TokenVariable) ?? throw new MissingJobTokenException();
        var endpoint = Endpoint();

        var services = new ServiceCollection();
        var hf = services.AddHuggingFace(o =>
        {
            o.Endpoint = endpoint;
            o.Token = token;
        });
        hf.AddSpaceFactory(invocation.RecordRoot, o => o.ExecutorName = ExecutorName);
        _options.Configure?.Invoke(hf);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        await using (provider.ConfigureAwait(false))
        {
            var factory = provider.GetRequiredService<ISpaceFactory>();
            factory.Recipes.GetRequired(invocation.Recipe);
            var secrets = new Dictionary<string, string>(StringComparer.Ordinal) { [FactorySecrets.HubToken] = token };
            return invocation.Resume
                ? await factory.ResumeAsync(invocation.RunId, secrets, cancellationToken).ConfigureAwait(false)
                : await factory.RunAsync(new FactoryRequest(invocation.Recipe)
                {
                    RunId = invocation.RunId,
                    Target = invocation.Target,
                    Parameters = invocation.Parameters,
                    Secrets = secrets,
                }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The process exit code for a run: 0 when it succeeded, 1 otherwise (the record says why).</summary>
    /// <param name="result">How the run ended.</param>
    /// <returns>The exit code.</returns>
    public static int ExitCode(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Succeeded ? 0 : 1;
    }

    /// <summary>The Hub of <c>HF_ENDPOINT</c> in <see cref="HfJobWorkerOptions.Environment"/>, else the public Hub.</summary>
    private Uri Endpoint()
    {
        if (Variable(EndpointVariable) is not { } text)
        {
            return HfClientOptions.DefaultEndpoint;
        }

        return Uri.TryCreate(text.TrimEnd('/'), UriKind.Absolute, out var uri) && (string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.Ordinal) || string.Equals(uri.Scheme, Uri.UriSchemeHttp, StringComparison.Ordinal))
            ? uri
            : throw new FormatException($"{EndpointVariable} '{text}' is not an http or https URL of a Hub.");
    }

    private string? Variable(string name) => _options.Environment(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
