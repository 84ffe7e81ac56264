using Spectre.Console;

namespace SpaceFactory.Cli.Output;

/// <summary>
/// The console for people and for scripts: on a terminal, colours and the terminal's width; redirected (a pipe, a
/// file, CI), no ANSI codes and no wrapping, so lines and full run ids survive <c>grep</c> and <c>cut</c>.
/// </summary>
internal static class CliConsole
{
    /// <summary>The width used when the output is not a terminal: wide enough that no table cell wraps.</summary>
    public const int UnwrappedWidth = 4096;

    /// <summary>Whether stdout is a terminal a person reads.</summary>
    public static bool IsTerminal => !Console.IsOutputRedirected;

    /// <summary>
    /// The console Spectre writes to, made on first use: a verb that writes only JSON never loads Spectre's console
    /// set-up (about 150 methods to JIT in a cold process).
    /// </summary>
    public static IAnsiConsole Out => LazyOut.Value;

    private static readonly Lazy<IAnsiConsole> LazyOut = new(Create);

    private static IAnsiConsole Create()
    {
        if (IsTerminal)
        {
            return AnsiConsole.Console;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        console.Profile.Width = UnwrappedWidth;
        return console;
    }

    /// <summary>A summary cut for a terminal cell; whole when redirected.</summary>
    public static string Cell(string text, int max = 100) => IsTerminal && text.Length > max ? text[..max] + "…" : text;
}
