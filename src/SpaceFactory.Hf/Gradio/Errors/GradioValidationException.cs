namespace SpaceFactory.Hf.Gradio;

/// <summary>The app refused the inputs (wrong number or values that fail validation).</summary>
public sealed class GradioValidationException : GradioException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened, naming the app and the endpoint.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public GradioValidationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public GradioValidationException()
        : base("The app refused the inputs (wrong number or values that fail validation).")
    {
    }
}
