using System.Text.RegularExpressions;

namespace SpaceFactory.Cli.Output;

/// <summary>An exception's message as a person should read it: without the runtime's parameter names, JSON positions or its generic sentences.</summary>
internal static partial class UserText
{
    private const string GenericInvalidOperation = "Operation is not valid due to the current state of the object.";

    public static string Of(Exception ex)
    {
        var message = ex.Message;
        if (string.Equals(message, GenericInvalidOperation, StringComparison.Ordinal) || message.Length == 0)
        {
            return "an operation was attempted at the wrong time.";
        }

        message = ParameterSuffix().Replace(message, string.Empty);
        message = JsonPosition().Replace(message, string.Empty).Trim();
        return message.EndsWith('.') ? message : message + ".";
    }

    /// <summary>ArgumentException's " (Parameter 'name')".</summary>
    [GeneratedRegex(@"\s*\(Parameter '[^']*'\)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 100)]
    private static partial Regex ParameterSuffix();

    /// <summary>System.Text.Json's " Path: $ | LineNumber: 0 | BytePositionInLine: 1."</summary>
    [GeneratedRegex(@"\s*(Path: [^|]*\|\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 100)]
    private static partial Regex JsonPosition();
}
