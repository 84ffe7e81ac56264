namespace SpaceFactory.Hf;

/// <summary>A long-lived stream (logs, SSE results) stayed silent for longer than its idle timeout; transient.</summary>
public sealed class HfStreamIdleException : HfException
{
    /// <summary>Creates the exception with a message naming the stream and the timeout.</summary>
    /// <param name="message">What went silent and for how long.</param>
    public HfStreamIdleException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public HfStreamIdleException()
        : base("The stream stayed silent for longer than its idle timeout.")
    {
    }

    /// <summary>Creates the exception with a message and the underlying failure.</summary>
    /// <param name="message">What went silent and for how long.</param>
    /// <param name="innerException">The underlying failure.</param>
    public HfStreamIdleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Always: a stream that went silent may answer when opened again.</summary>
    public override bool IsTransient => true;
}
