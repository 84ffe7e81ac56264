using Polly;
using Polly.Retry;
using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf;

namespace SpaceFactory.Phases.Steps;

/// <summary>
/// The retries of the steps and the Job launch: a Polly pipeline built from <see cref="StepRetryOptions"/> on the run's
/// clock. It tries again after a failure that <see cref="HfException.IsTransientFailure">may succeed later</see>,
/// pausing <see cref="StepRetryOptions.DelayAfter"/>, or longer when a 429 asked for it (<c>Retry-After</c>). A write is
/// never repeated blindly: its attempt looks whether an earlier one landed before it sends again.
/// </summary>
internal static class StepRetry
{
    /// <summary>Set when looking for the effect of a lost write failed: then nothing is sent again.</summary>
    private static readonly ResiliencePropertyKey<bool> LookFailed = new("spacefactory.step-retry.look-failed");

    /// <summary>
    /// Runs <paramref name="attempt"/> (given its number, from 1) until it returns, at most
    /// <see cref="StepRetryOptions.MaxAttempts"/> times: after a transient failure it records <paramref name="eventType"/>
    /// with <paramref name="describe"/>'s text and pauses on the run's clock. The last failure, or any other, propagates.
    /// </summary>
    public static Task<T> RetryAsync<T>(
        PhaseContext context,
        StepRetryOptions options,
        string eventType,
        Func<Exception, int, string> describe,
        Func<int, CancellationToken, Task<T>> attempt,
        CancellationToken cancellationToken)
    {
        var pipeline = Create(options, context.TimeProvider, (ex, number, ct) =>
            new ValueTask(context.Recorder.RecordEventAsync(eventType, describe(ex, number), cancellationToken: ct)));
        return ExecuteAsync(pipeline, attempt, adoptAfterLoss: null, cancellationToken);
    }

    /// <summary>
    /// Runs the write <paramref name="send"/> at most <see cref="StepRetryOptions.MaxAttempts"/> times; after each
    /// transient failure it first asks <paramref name="adoptAfterLoss"/> whether the write landed anyway and returns
    /// what that found. When the look itself fails, that failure propagates and nothing is sent again.
    /// </summary>
    public static Task<T> SendOrAdoptAsync<T>(
        StepRetryOptions options,
        TimeProvider timeProvider,
        Func<CancellationToken, Task<T>> send,
        Func<CancellationToken, Task<T?>> adoptAfterLoss,
        CancellationToken cancellationToken)
        where T : class =>
        ExecuteAsync(Create(options, timeProvider, onRetry: null), (_, ct) => send(ct), adoptAfterLoss, cancellationToken);

    /// <summary>Whether trying again may succeed: the one rule of the clients, for the caller's token.</summary>
    public static bool IsTransient(Exception exception, CancellationToken cancellationToken) =>
        HfException.IsTransientFailure(exception, cancellationToken);

    /// <summary>The pause before the next attempt: the back-off, or longer when the server asked for it.</summary>
    public static TimeSpan Pause(Exception exception, StepRetryOptions options, int attempt)
    {
        var pause = options.DelayAfter(attempt);
        return exception is HfRateLimitedException { RetryAfter: { } asked } && asked > pause ? asked : pause;
    }

    /// <summary>A short description for the record (messages of our exceptions are already free of tokens).</summary>
    public static string Describe(Exception exception) => $"{exception.GetType().Name}: {exception.Message}";

    /// <summary>The pipeline for <paramref name="options"/>: <paramref name="onRetry"/> hears each failure (number from 1) before the pause.</summary>
    internal static ResiliencePipeline Create(StepRetryOptions options, TimeProvider timeProvider, Func<Exception, int, CancellationToken, ValueTask>? onRetry)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaxAttempts <= 1)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                ShouldHandle = static args => new ValueTask<bool>(
                    args.Outcome.Exception is { } ex
                    && !args.Context.Properties.GetValue(LookFailed, false)
                    && IsTransient(ex, args.Context.CancellationToken)),

                // Polly counts retries from 0; the options count attempts from 1.
                DelayGenerator = args => new ValueTask<TimeSpan?>(Pause(args.Outcome.Exception!, options, args.AttemptNumber + 1)),
                OnRetry = onRetry is null ? null : args => onRetry(args.Outcome.Exception!, args.AttemptNumber + 1, args.Context.CancellationToken),
            })
            .Build();
    }

    private static async Task<T> ExecuteAsync<T>(
        ResiliencePipeline pipeline,
        Func<int, CancellationToken, Task<T>> attempt,
        Func<CancellationToken, Task<T?>>? adoptAfterLoss,
        CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            var number = 0;
            return await pipeline.ExecuteAsync(
                async resilience =>
                {
                    var ct = resilience.CancellationToken;
                    try
                    {
                        return await attempt(++number, ct).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (adoptAfterLoss is not null && IsTransient(ex, ct))
                    {
                        T? adopted;
                        try
                        {
                            adopted = await adoptAfterLoss(ct).ConfigureAwait(false);
                        }
                        catch
                        {
                            resilience.Properties.Set(LookFailed, true);
                            throw;
                        }

                        if (adopted is not null)
                        {
                            return adopted;
                        }

                        throw;
                    }
                },
                context).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
