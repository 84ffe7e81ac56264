namespace SpaceFactory.Phases.Agents;

/// <summary><c>pi</c> is missing and could not be installed (no npm, no registry, a failed install).</summary>
public sealed class PiAgentUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PiAgentUnavailableException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing and why.</param>
    public PiAgentUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing and why.</param>
    /// <param name="innerException">The cause.</param>
    public PiAgentUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
