namespace SpaceFactory.Core.Pipeline;

/// <summary>A recipe parameter is missing or invalid; the message names it and says what is expected.</summary>
public sealed class RecipeParameterException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="parameter">The parameter name, e.g. <c>model</c>.</param>
    /// <param name="message">What is wrong with it.</param>
    public RecipeParameterException(string parameter, string message)
        : base(message)
    {
        Parameter = parameter;
    }

    /// <summary>Creates the exception.</summary>
    public RecipeParameterException()
        : this("?", "A recipe parameter is invalid.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    public RecipeParameterException(string message)
        : this("?", message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The underlying failure.</param>
    public RecipeParameterException(string message, Exception innerException)
        : base(message, innerException)
    {
        Parameter = "?";
    }

    /// <summary>The parameter.</summary>
    public string Parameter { get; } = "?";
}
