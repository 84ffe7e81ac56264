namespace SpaceFactory.Hf.Gradio;

/// <summary>The app answered with something that is not the Gradio protocol (an HTML page, unreadable JSON).</summary>
public sealed class GradioProtocolException : GradioException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened, naming the app and the endpoint.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public GradioProtocolException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public GradioProtocolException()
        : base("The app answered with something that is not the Gradio protocol (an HTML page, unreadable JSON).")
    {
    }
}
