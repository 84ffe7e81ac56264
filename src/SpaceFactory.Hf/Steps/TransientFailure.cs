using SpaceFactory.Hf.Gradio;

namespace SpaceFactory.Hf.Steps;

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

    /// <summary>A short description for the record (messages of our exceptions are already free of tokens).</summary>
    public static string Describe(Exception exception) => $"{exception.GetType().Name}: {exception.Message}";
}
