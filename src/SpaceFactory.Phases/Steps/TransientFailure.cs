using SpaceFactory.Core.Pipeline;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Gradio;

namespace SpaceFactory.Phases.Steps;

/// <summary>Failures after which a step may try again: a lost answer, a 429, or a Gradio app that is briefly unavailable.</summary>
internal static class TransientFailure
{
    public static bool Is(Exception exception, CancellationToken cancellationToken) =>
        LostAnswer.Is(exception, cancellationToken)
        || (!cancellationToken.IsCancellationRequested && exception is HfRateLimitedException or GradioException { IsTransient: true });

    /// <summary>The pause before the next attempt: the back-off, or longer when the server asked for it.</summary>
    public static TimeSpan Pause(Exception exception, StepRetryOptions options, int attempt)
    {
        var pause = options.DelayAfter(attempt);
        return exception is HfRateLimitedException { RetryAfter: { } asked } && asked > pause ? asked : pause;
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> (given its number, from 1) until it returns, at most
    /// <see cref="StepRetryOptions.MaxAttempts"/> times: after a transient failure it records <paramref name="eventType"/>
    /// with <paramref name="describe"/>'s text and pauses on the run's clock. The last failure, or any other, propagates.
    /// A write's attempt must look whether an earlier attempt landed before it sends again.
    /// </summary>
    public static async Task<T> RetryAsync<T>(
        PhaseContext context,
        StepRetryOptions options,
        string eventType,
        Func<Exception, int, string> describe,
        Func<int, CancellationToken, Task<T>> attempt,
        CancellationToken cancellationToken)
    {
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt(number, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (number < options.MaxAttempts && Is(ex, cancellationToken))
            {
                await context.Recorder.RecordEventAsync(eventType, describe(ex, number), cancellationToken: cancellationToken).ConfigureAwait(false);
                await Task.Delay(Pause(ex, options, number), context.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A short description for the record (messages of our exceptions are already free of tokens).</summary>
    public static string Describe(Exception exception) => $"{exception.GetType().Name}: {exception.Message}";
}
