namespace SpaceFactory.Core.Pipeline;

/// <summary>
/// Turns an exception a step threw into a typed outcome (e.g. <see cref="OutcomeCode.ServiceUnavailable"/> for a remote
/// service that kept failing after retries), so that a failed run says what kind of failure ended it. The executor asks
/// every registered classifier in order; when none knows the exception the run ends <see cref="OutcomeCode.InternalError"/>.
/// </summary>
public interface IFailureClassifier
{
    /// <summary>The outcome for <paramref name="exception"/>, or null when this classifier does not know it.</summary>
    /// <param name="exception">What the step threw.</param>
    /// <returns>The outcome code, or null.</returns>
    OutcomeCode? Classify(Exception exception);
}
