namespace SpaceFactory.Hf;

/// <summary>
/// A Hugging Face endpoint answered with a success status but a body the client cannot understand
/// (an HTML page where JSON was expected, a missing required field, a truncated stream).
/// </summary>
public sealed class HfProtocolException : HfException
{
    /// <summary>Creates the exception with a message naming the request and what was wrong.</summary>
    /// <param name="message">The request and what was wrong with its answer.</param>
    public HfProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public HfProtocolException()
        : base("The server's answer could not be understood.")
    {
    }

    /// <summary>Creates the exception with a message and the parser's error.</summary>
    /// <param name="message">The request and what was wrong with its answer.</param>
    /// <param name="innerException">The parser's error.</param>
    public HfProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Never: the same request would get the same unreadable answer.</summary>
    public override bool IsTransient => false;
}
