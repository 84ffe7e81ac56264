using SpaceFactory.Hf;

namespace SpaceFactory.Phases.Execution;

/// <summary>The worker found no token: a Job receives it only as the secret <c>HF_TOKEN</c>, and that secret is missing or empty.</summary>
public sealed class MissingJobTokenException : InvalidOperationException
{
    /// <summary>Creates the exception with the standard message.</summary>
    public MissingJobTokenException()
        : base($"The worker found no token in {HfClientOptions.TokenVariable}. A Job receives the run's token only as the secret {HfClientOptions.TokenVariable} " +
               $"(HfJobExecutor passes it so; with 'hf jobs run' add --secrets {HfClientOptions.TokenVariable}); it is never an argument.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing, in words.</param>
    public MissingJobTokenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing, in words.</param>
    /// <param name="innerException">The cause.</param>
    public MissingJobTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
