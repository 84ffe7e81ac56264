namespace SpaceFactory.Hf.Gradio;

/// <summary>The app has no endpoint with the requested API name.</summary>
public sealed class GradioEndpointNotFoundException : GradioException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened, naming the app and the endpoint.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public GradioEndpointNotFoundException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public GradioEndpointNotFoundException()
        : base("The app has no endpoint with the requested API name.")
    {
    }
}
