namespace SpaceFactory.Hf.Gradio;

/// <summary>The app's queue is full (503); try again later.</summary>
public sealed class GradioQueueFullException : GradioException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened, naming the app and the endpoint.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public GradioQueueFullException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public GradioQueueFullException()
        : base("The app's queue is full (503); try again later.")
    {
    }

    /// <summary>Always: a full queue empties.</summary>
    public override bool IsTransient => true;
}
