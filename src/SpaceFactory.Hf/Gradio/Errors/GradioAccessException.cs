namespace SpaceFactory.Hf.Gradio;

/// <summary>The app refused access (401/403, or 404 for a private Space without a token that can read it).</summary>
public sealed class GradioAccessException : GradioException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened, naming the app and the endpoint.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public GradioAccessException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public GradioAccessException()
        : base("The app refused access (401/403, or 404 for a private Space without a token that can read it).")
    {
    }
}
