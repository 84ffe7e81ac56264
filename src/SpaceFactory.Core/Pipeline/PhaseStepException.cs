namespace SpaceFactory.Core.Pipeline;

/// <summary>
/// Thrown by a step to fail with a typed outcome (e.g. <see cref="OutcomeCode.ServiceUnavailable"/> after retries)
/// rather than <see cref="OutcomeCode.InternalError"/>.
/// </summary>
public sealed class PhaseStepException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="outcome">The outcome the run ends with.</param>
    /// <param name="message">Why, in words a person can act on.</param>
    /// <param name="innerException">The underlying failure.</param>
    public PhaseStepException(OutcomeCode outcome, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Outcome = outcome;
    }

    /// <summary>Creates the exception with <see cref="OutcomeCode.InternalError"/>.</summary>
    public PhaseStepException()
        : this(OutcomeCode.InternalError, "The step failed.")
    {
    }

    /// <summary>Creates the exception with <see cref="OutcomeCode.InternalError"/>.</summary>
    /// <param name="message">Why.</param>
    public PhaseStepException(string message)
        : this(OutcomeCode.InternalError, message)
    {
    }

    /// <summary>Creates the exception with <see cref="OutcomeCode.InternalError"/>.</summary>
    /// <param name="message">Why.</param>
    /// <param name="innerException">The underlying failure.</param>
    public PhaseStepException(string message, Exception innerException)
        : this(OutcomeCode.InternalError, message, innerException)
    {
    }

    /// <summary>The outcome the run ends with.</summary>
    public OutcomeCode Outcome { get; }
}
