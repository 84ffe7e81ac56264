namespace SpaceFactory.Cli;

/// <summary>Invalid input given to the CLI; its message says what and how to fix it (exit code 2).</summary>
internal sealed class CliInputException(string message) : Exception(message);
