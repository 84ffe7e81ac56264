using SpaceFactory.Core;
using SpaceFactory.Core.Redaction;
using SpaceFactory.Hf;
using SpaceFactory.Phases;
using SpaceFactory.Phases.Execution;
using SpaceFactory.Web.Auth;

namespace SpaceFactory.Web.Runs;

/// <summary>
/// Launches each run as a Hugging Face Job through the registered <see cref="HfJobExecutor"/> of the signed-in user
/// (their own Bucket), with their token as the run's secret (the Job's only secret), then follows it in the background
/// until the Job ends. The token lives only in that background flow, whose <see cref="HfTokenScope"/> makes the
/// shared clients act as that user.
/// </summary>
internal sealed partial class RunLauncher(
    RunIndex index, HfJobExecutor executor, IHostApplicationLifetime lifetime, TimeProvider timeProvider, ILogger<RunLauncher> logger)
{
    public RunEntry Launch(SignedInUser user, string token, string recipe, IReadOnlyDictionary<string, string> parameters)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        var userExecutor = executor.ForUser(user.Name);
        var request = new FactoryRequest(recipe)
        {
            Parameters = parameters,
            Secrets = new Dictionary<string, string>(StringComparer.Ordinal) { [FactorySecrets.HubToken] = token },
        }.WithRunId(timeProvider);
        var entry = new RunEntry
        {
            RunId = request.RunId!.Value,
            OwnerId = user.Id,
            OwnerName = user.Name,
            Recipe = recipe,
            Parameters = parameters,
            BucketSource = userExecutor.Bucket.ToString(),
            CreatedAt = timeProvider.GetUtcNow(),
        };
        index.Add(entry);
        LogLaunching(logger, entry.RunId.Value, recipe, user.Name);
        _ = Task.Run(() => ExecuteAsync(entry, userExecutor, request, token), CancellationToken.None);
        return entry;
    }

    private async Task ExecuteAsync(RunEntry entry, HfJobExecutor userExecutor, FactoryRequest request, string token)
    {
        using var scope = HfTokenScope.Begin(token);
        try
        {
            var result = await userExecutor.RunAsync(request, lifetime.ApplicationStopping).ConfigureAwait(false);
            LogEnded(logger, entry.RunId.Value, result.Status, result.Outcome?.Code);
            entry.Complete(result);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            entry.Fail("The web app stopped while following this run; its Job was cancelled.");
        }
        catch (Exception ex) // whatever ends the follow-up must show on the run page, not leave it "running"
        {
            var reason = TokenShapes.Redact(ex.Message.Replace(token, TokenShapes.Mask, StringComparison.Ordinal)) ?? ex.GetType().Name;
            LogFailed(logger, entry.RunId.Value, ex.GetType().Name, reason);
            entry.Fail(reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Launching run {RunId} ({Recipe}) for {User} in a Job")]
    private static partial void LogLaunching(ILogger logger, string runId, string recipe, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} ended {Status} ({Outcome})")]
    private static partial void LogEnded(ILogger logger, string runId, RunStatus status, OutcomeCode? outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} could not be launched or followed: {Kind}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string runId, string kind, string reason);
}
