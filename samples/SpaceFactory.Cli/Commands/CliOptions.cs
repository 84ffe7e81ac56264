using System.CommandLine;

namespace SpaceFactory.Cli.Commands;

/// <summary>Options several verbs share (a new instance per command).</summary>
internal static class CliOptions
{
    /// <summary>The default record folder: <c>$SPACE_FACTORY_RECORD_ROOT</c>, else <c>./.spacefactory</c>.</summary>
    public static string DefaultRecordRoot =>
        Environment.GetEnvironmentVariable("SPACE_FACTORY_RECORD_ROOT") is { Length: > 0 } root ? root : Path.Combine(Environment.CurrentDirectory, ".spacefactory");

    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object instead of tables and progress." };

    public static Option<bool> Verbose() => new("--verbose", "-v") { Description = "Log HTTP retries and the pipeline's steps to stderr." };

    public static Option<string> Record() => new("--record")
    {
        Description = "Folder holding run records (runs/<run_id>/...). Default: $SPACE_FACTORY_RECORD_ROOT or ./.spacefactory.",
        DefaultValueFactory = _ => DefaultRecordRoot,
    };

    public static Option<bool> Sandbox() => new("--sandbox") { Description = "Run against a built-in Sandbox (a local Hugging Face emulator) instead of the Hub." };

    /// <summary>The name of <see cref="SandboxData"/>, read by <see cref="Hosting.SandboxSession.StartAsync"/>.</summary>
    public const string SandboxDataName = "--sandbox-data";

    /// <summary>The name of <see cref="FreshSandbox"/>.</summary>
    public const string FreshSandboxName = "--fresh-sandbox";

    public static Option<string?> SandboxData() => new(SandboxDataName)
    {
        Description = "Folder the built-in Sandbox keeps its repos, Spaces, Buckets and Jobs in, between commands. Default: <record>/sandbox.",
    };

    public static Option<bool> FreshSandbox() => new(FreshSandboxName) { Description = "Start the built-in Sandbox empty: delete its data folder first." };

    /// <summary>Adds <c>--sandbox-data</c> and <c>--fresh-sandbox</c> to a verb that can start the built-in Sandbox.</summary>
    public static Command WithSandboxData(this Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(SandboxData());
        command.Options.Add(FreshSandbox());
        return command;
    }

    public static Option<string[]> Params() => new("--param", "-p")
    {
        Description = "A recipe parameter as key=value (repeatable), e.g. -p allow_zerogpu=false.",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Parses <c>key=value</c> pairs, naming the bad one.</summary>
    public static Dictionary<string, string> ParsePairs(IEnumerable<string>? pairs)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs ?? [])
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliInputException($"'{pair}' is not key=value.");
            }

            result[pair[..equals].Trim()] = pair[(equals + 1)..];
        }

        return result;
    }
}
