using System.Globalization;

namespace SpaceFactory.Scenarios;

/// <summary>The runner's command line. Sizes default to the budgets' own; tests pass tiny ones.</summary>
internal sealed class ScenarioOptions
{
    public static readonly string[] AllWorkloads = ["P0", "P1", "P2", "P3", "P4", "P5"];

    /// <summary>The servers <c>serve</c> can start alone.</summary>
    public static readonly string[] Servers = ["P0", "P2", "P4", "HUB"];

    /// <summary>Workloads to run (<c>--only P1,P3</c>); all by default.</summary>
    public IReadOnlyList<string> Only { get; private set; } = AllWorkloads;

    /// <summary>
    /// The server the selected workloads talk to instead of the runner's own (<c>--url</c>, or <c>HF_ENDPOINT</c>): a Hub
    /// for P1, P3 and P5, the CLI's <c>HF_ENDPOINT</c> for P0, a <c>serve p2</c>/<c>serve p4</c> server for P2/P4.
    /// </summary>
    public Uri? Url { get; private set; }

    /// <summary>The token for <see cref="Url"/> (<c>--token</c>, or <c>HF_TOKEN</c>).</summary>
    public string? Token { get; private set; }

    /// <summary>A Gradio app P3 calls directly (<c>--gradio-url</c>, or <c>GRADIO_URL</c>); its <c>/generate</c> takes one text.</summary>
    public Uri? GradioUrl { get; private set; }

    /// <summary><c>serve P2</c>: start that workload's server alone, print its URL and keep it up until stdin closes or Ctrl+C.</summary>
    public string? Serve { get; private set; }

    /// <summary>Internal: run one workload's client side and print <c>CHILD {json}</c> (<c>--child P2 --target URL</c>).</summary>
    public string? Child { get; private set; }

    public Uri? Target { get; private set; }

    /// <summary>Run P2/P4 in this process instead of a child (their peak RSS is then the runner's); P1's first run stays a child.</summary>
    public bool NoChild { get; private set; }

    /// <summary>The CLI to start for P0 (an apphost, or a <c>.dll</c> run with <c>dotnet</c>); default: the one beside this runner.</summary>
    public string? Cli { get; private set; }

    /// <summary>
    /// The client binary for the P2/P4 children (<c>--native PATH</c>, e.g. a NativeAOT publish of this runner); they are
    /// then measured twice, JIT and native.
    /// </summary>
    public string? Native { get; private set; }

    public int P0Runs { get; private set; } = 10;

    public int P1Runs { get; private set; } = 20;

    public int P1Warmup { get; private set; } = 3;

    public long P2Lines { get; private set; } = 1_000_000;

    public int P3Calls { get; private set; } = 200;

    public long P4Bytes { get; private set; } = 1L << 30;

    /// <summary>How long the P5 Space stays in each of BUILDING and APP_STARTING.</summary>
    public TimeSpan P5StageDelay { get; private set; } = TimeSpan.FromSeconds(6);

    /// <summary>P2 after a first full stream (<c>--p2-steady</c>): the JIT's steady state rather than a first run.</summary>
    public bool P2Steady { get; private set; }

    /// <summary>
    /// <c>--diagnose-memory</c>: the P2 children print a <c>MEMORY</c> line (resident memory next to the GC's figures,
    /// <see cref="MemoryDiagnostics"/>) before the measured stream, after its first 1,000 lines and at its end; the runner
    /// passes them on to its standard error.
    /// </summary>
    public bool DiagnoseMemory { get; private set; }

    /// <summary>P5 without the status stream: the adaptive polling the watch falls back to (<c>--p5-polling</c>).</summary>
    public bool P5Polling { get; private set; }

    /// <summary>Whether the Hub workloads use another server than the in-process Sandbox.</summary>
    public bool Remote => Url is not null;

    public static ScenarioOptions Parse(IReadOnlyList<string> args) => Parse(args, Environment.GetEnvironmentVariable);

    public static ScenarioOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var options = new ScenarioOptions();
        var start = 0;
        if (args is ["serve", var server, ..])
        {
            options.Serve = server.ToUpperInvariant();
            if (!Servers.Contains(options.Serve, StringComparer.Ordinal))
            {
                throw new FormatException($"serve takes one of {string.Join(", ", Servers)}, not {server}");
            }

            start = 2;
        }

        for (var i = start; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{name} needs a value");
            int Int() => int.Parse(Value(), CultureInfo.InvariantCulture);
            switch (name)
            {
                case "--only":
                    options.Only = [.. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(w => w.ToUpperInvariant())];
                    break;
                case "--url" or "--endpoint": options.Url = ParseUrl(name, Value()); break;
                case "--token": options.Token = Value(); break;
                case "--gradio-url": options.GradioUrl = ParseUrl(name, Value()); break;
                case "--child": options.Child = Value().ToUpperInvariant(); break;
                case "--target": options.Target = new Uri(Value()); break;
                case "--no-child": options.NoChild = true; break;
                case "--cli": options.Cli = Value(); break;
                case "--native": options.Native = Value(); break;
                case "--p0-runs": options.P0Runs = Int(); break;
                case "--p1-runs": options.P1Runs = Int(); break;
                case "--p1-warmup": options.P1Warmup = Int(); break;
                case "--p2-lines": options.P2Lines = long.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--p3-calls": options.P3Calls = Int(); break;
                case "--p4-mib": options.P4Bytes = long.Parse(Value(), CultureInfo.InvariantCulture) * 1024 * 1024; break;
                case "--p4-bytes": options.P4Bytes = long.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--p2-steady": options.P2Steady = true; break;
                case "--p5-polling": options.P5Polling = true; break;
                case "--diagnose-memory": options.DiagnoseMemory = true; break;
                case "--p5-stage-ms": options.P5StageDelay = TimeSpan.FromMilliseconds(Int()); break;
                default: throw new FormatException($"Unknown option {name}");
            }
        }

        // The environment convention of the official clients, when no option names a server.
        if (options.Child is null && options.Serve is null)
        {
            options.Url ??= environment("HF_ENDPOINT") is { Length: > 0 } hub ? ParseUrl("HF_ENDPOINT", hub) : null;
            options.GradioUrl ??= environment("GRADIO_URL") is { Length: > 0 } gradio ? ParseUrl("GRADIO_URL", gradio) : null;
            options.Token ??= environment("HF_TOKEN") is { Length: > 0 } token ? token : null;
        }

        var needsToken = options.Url is not null && options.Only.Any(w => w is "P1" or "P3" or "P5");
        if (needsToken && string.IsNullOrEmpty(options.Token) && options.Child is null)
        {
            throw new FormatException("--url with P1, P3 or P5 needs --token (or HF_TOKEN)");
        }

        var unknown = options.Only.Except(AllWorkloads, StringComparer.Ordinal).ToArray();
        return unknown.Length > 0 ? throw new FormatException("Unknown workload(s): " + string.Join(", ", unknown)) : options;
    }

    /// <summary>These options as arguments for a child process (sizes and token only).</summary>
    public IEnumerable<string> SizeArguments()
    {
        yield return "--p2-lines";
        yield return P2Lines.ToString(CultureInfo.InvariantCulture);
        yield return "--p4-bytes";
        yield return P4Bytes.ToString(CultureInfo.InvariantCulture);
        if (P2Steady)
        {
            yield return "--p2-steady";
        }

        if (DiagnoseMemory)
        {
            yield return "--diagnose-memory";
        }
    }

    private static Uri ParseUrl(string name, string value) =>
        Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new FormatException($"{name} needs an http(s) URL, not '{value}'");
}
