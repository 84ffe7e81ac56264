using SpaceFactory.Core;
using SpaceFactory.Core.Records;
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
/// shared clients act as that user. Cancel trips the attempt's token: the executor then cancels the Job. Resume starts
/// a new Job on the same record (<see cref="HfJobExecutor.ResumeAsync"/>): finished steps are skipped.
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
            Secrets = Secrets(token),
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
        var attempt = entry.BeginAttempt(resume: false, lifetime.ApplicationStopping);
        _ = Task.Run(() => FollowAsync(entry, token, ct => userExecutor.RunAsync(request, ct), attempt), CancellationToken.None);
        return entry;
    }

    /// <summary>Resumes an ended run in a new Job with the owner's token; false when the run is still followed.</summary>
    public bool Resume(RunEntry entry, string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        if (!entry.Ended)
        {
            return false;
        }

        var userExecutor = executor.ForUser(entry.OwnerName);
        LogResuming(logger, entry.RunId.Value, entry.OwnerName);
        var attempt = entry.BeginAttempt(resume: true, lifetime.ApplicationStopping);
        _ = Task.Run(() => FollowAsync(entry, token, ct => userExecutor.ResumeAsync(entry.RunId, Secrets(token), ct), attempt), CancellationToken.None);
        return true;
    }

    /// <summary>Cancels the followed attempt: the executor cancels its Job and the run shows cancelled.</summary>
    public bool Cancel(RunEntry entry)
    {
        var cancelled = entry.RequestCancel();
        if (cancelled)
        {
            LogCancelling(logger, entry.RunId.Value, entry.OwnerName);
        }

        return cancelled;
    }

    private async Task FollowAsync(RunEntry entry, string token, Func<CancellationToken, Task<RunResult>> run, CancellationToken attempt)
    {
        using var scope = HfTokenScope.Begin(token);
        try
        {
            var result = await run(attempt).ConfigureAwait(false);
            LogEnded(logger, entry.RunId.Value, result.Status, result.Outcome?.Code);
            entry.Complete(result);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            entry.Fail("The web app stopped while following this run; its Job was cancelled.");
        }
        catch (OperationCanceledException) when (attempt.IsCancellationRequested)
        {
            // The executor cancelled the Job before giving up; the Job's worker gets SIGTERM and ends the record
            // "cancelled" within the grace period. The page says "cancelling" until then; a worker killed before it
            // could leaves its record "running", which the outcome then says. Resume continues from the record.
            RunState? ended;
            try
            {
                ended = await executor.ForUser(entry.OwnerName).Records.WaitUntilEndedAsync(entry.RunId, RunReaderExtensions.CancelledJobGracePeriod, timeProvider, lifetime.ApplicationStopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                ended = null; // the app stops
            }

            LogEnded(logger, entry.RunId.Value, RunStatus.Cancelled, OutcomeCode.Cancelled);
            var how = ended is { Status: RunStatus.Cancelled }
                ? "its Job was cancelled and its worker ended the record"
                : "its Job was cancelled, but its worker stopped before it could end the record";
            entry.Complete(new RunResult(entry.RunId, RunStatus.Cancelled,
                new RunOutcome(OutcomeCode.Cancelled, $"Cancelled by {entry.OwnerName} from the web page; {how}. Resume continues from the last finished step."),
                entry.BucketSource));
        }
        catch (Exception ex) // whatever ends the follow-up must show on the run page, not leave it "running"
        {
            var reason = TokenShapes.Redact(ex.Message.Replace(token, TokenShapes.Mask, StringComparison.Ordinal)) ?? ex.GetType().Name;
            LogFailed(logger, entry.RunId.Value, ex.GetType().Name, reason);
            entry.Fail(reason);
        }
    }

    private static Dictionary<string, string> Secrets(string token) => new(StringComparer.Ordinal) { [FactorySecrets.HubToken] = token };

    [LoggerMessage(Level = LogLevel.Information, Message = "Launching run {RunId} ({Recipe}) for {User} in a Job")]
    private static partial void LogLaunching(ILogger logger, string runId, string recipe, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming run {RunId} for {User} in a new Job")]
    private static partial void LogResuming(ILogger logger, string runId, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancelling run {RunId} for {User}: its Job is cancelled")]
    private static partial void LogCancelling(ILogger logger, string runId, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} ended {Status} ({Outcome})")]
    private static partial void LogEnded(ILogger logger, string runId, RunStatus status, OutcomeCode? outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} could not be launched or followed: {Kind}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string runId, string kind, string reason);
}
