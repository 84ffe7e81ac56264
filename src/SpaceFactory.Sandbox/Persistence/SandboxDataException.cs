namespace SpaceFactory.Sandbox;

/// <summary>
/// The data folder of a persistent Sandbox (<see cref="HfSandboxOptions.PersistState"/>) cannot be used: its state file
/// is damaged or from another version, a blob it names is missing, or another Sandbox holds the folder.
/// </summary>
public sealed class SandboxDataException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SandboxDataException()
        : this("The Sandbox's data folder cannot be used", "")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, in words.</param>
    public SandboxDataException(string message)
        : this(message, "")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, in words.</param>
    /// <param name="innerException">The cause.</param>
    public SandboxDataException(string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = "";
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, in words (naming <paramref name="filePath"/>).</param>
    /// <param name="filePath">The file or folder at fault.</param>
    public SandboxDataException(string message, string filePath)
        : base(message)
    {
        FilePath = filePath;
    }

    /// <summary>The file or folder at fault (empty when unknown).</summary>
    public string FilePath { get; }

    internal static SandboxDataException Invalid(string file, string problem) =>
        new($"The Sandbox's state file {file} cannot be loaded: {problem}. Move the data folder away (or start with a fresh one) to begin empty.", file);
}
