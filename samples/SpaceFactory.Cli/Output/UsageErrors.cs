using System.Text.Json;
using System.Text.RegularExpressions;

namespace SpaceFactory.Cli.Output;

/// <summary>
/// The parser's usage errors as a person reads them (no .NET type names such as <c>System.Int32</c>), and with
/// <c>--json</c> as one JSON document on stdout like every other error.
/// </summary>
internal static partial class UsageErrors
{
    public const string Hint = "Run 'spacefactory --help' for usage.";

    /// <summary>"Cannot parse argument 'x' for option '--calls' as expected type 'System.Int32'." without the type name.</summary>
    public static string Words(string message) => ExpectedType().Replace(message, m => m.Groups["type"].Value switch
    {
        "System.Int32" or "System.Int64" => " as a whole number",
        "System.Boolean" => " as true or false",
        "System.Double" => " as a number",
        _ => string.Empty,
    });

    public static async Task WriteAsync(IReadOnlyList<string> messages, bool json)
    {
        var words = messages.Select(Words).ToList();
        if (json)
        {
            var error = new ErrorJson("usage", string.Join(" ", words) + " " + Hint, ExitCodes.InvalidInput);
            await Console.Out.WriteLineAsync(JsonSerializer.Serialize(error, CliJsonContext.Readable.ErrorJson)).ConfigureAwait(false);
            return;
        }

        foreach (var message in words)
        {
            await Console.Error.WriteLineAsync($"error: {message}").ConfigureAwait(false);
        }

        await Console.Error.WriteLineAsync(Hint).ConfigureAwait(false);
    }

    [GeneratedRegex(@" as expected type '(?<type>[\w.`\[\], ]+)'", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 100)]
    private static partial Regex ExpectedType();
}
