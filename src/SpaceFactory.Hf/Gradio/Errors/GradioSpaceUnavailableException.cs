namespace SpaceFactory.Hf.Gradio;

/// <summary>The Space behind the app is not running: paused, sleeping and not waking, or failed to build or start.</summary>
public sealed class GradioSpaceUnavailableException : GradioException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened, naming the Space and its stage.</param>
    /// <param name="stage">The Space's runtime stage, e.g. <c>BUILD_ERROR</c>.</param>
    public GradioSpaceUnavailableException(string message, string stage)
        : base(message)
    {
        Stage = stage;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public GradioSpaceUnavailableException()
        : base("The Space is not running.")
    {
        Stage = "UNKNOWN";
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The underlying failure.</param>
    public GradioSpaceUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
        Stage = "UNKNOWN";
    }

    /// <summary>The Space's runtime stage.</summary>
    public string Stage { get; }
}
