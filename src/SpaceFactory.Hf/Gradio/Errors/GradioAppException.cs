namespace SpaceFactory.Hf.Gradio;

/// <summary>The app's function failed. <see cref="AppMessage"/> is its error text, unless the app hid it.</summary>
public sealed class GradioAppException : GradioException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="appMessage">The app's own error text, or <see langword="null"/> when it hid it.</param>
    public GradioAppException(string message, string? appMessage)
        : base(message)
    {
        AppMessage = appMessage;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public GradioAppException()
        : base("The app's function raised an error.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The underlying failure.</param>
    public GradioAppException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The error text the app sent, or <see langword="null"/> when the app hid it (<c>show_error=False</c>).</summary>
    public string? AppMessage { get; }

    /// <summary>Whether the app hid its error text.</summary>
    public bool IsHidden => AppMessage is null;
}
