namespace SpaceFactory.Phases.Execution;

/// <summary>The worker's arguments are not what <see cref="WorkerArguments.Build(WorkerInvocation)"/> writes; the message says what is wrong.</summary>
public sealed class WorkerArgumentsException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public WorkerArgumentsException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, in words.</param>
    public WorkerArgumentsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, in words.</param>
    /// <param name="innerException">The cause.</param>
    public WorkerArgumentsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
