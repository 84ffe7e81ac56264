namespace SpaceFactory.Hf.Gradio;

/// <summary>The result stream was cut, ended without a complete event, or carried unreadable data.</summary>
public sealed class GradioStreamException : GradioException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened, naming the app and the endpoint.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public GradioStreamException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public GradioStreamException()
        : base("The result stream was cut, ended without a complete event, or carried unreadable data.")
    {
    }

    /// <summary>Always: a cut stream may complete when the call is made again.</summary>
    public override bool IsTransient => true;
}
