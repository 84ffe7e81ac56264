using System.Runtime.InteropServices;

namespace SpaceFactory.Cli.Hosting;

/// <summary>
/// Ctrl+C and SIGTERM for the whole CLI: the first one cancels the command's token (a run then ends <c>cancelled</c>
/// with a complete record); a second one runs <see cref="OnSecondSignal"/> (which marks the run <c>interrupted</c>)
/// and exits at once with 130.
/// </summary>
internal sealed class CliSignals : IDisposable
{
    /// <summary>The exit code after a second signal: 128 + SIGINT, as shells report it.</summary>
    public const int InterruptedExitCode = 130;

    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _signals;

    public CliSignals()
    {
        _registrations = OperatingSystem.IsWindows()
            ? [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle)]
            : [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
        Current = this;
    }

    /// <summary>The signals of this process (one per CLI invocation).</summary>
    public static CliSignals? Current { get; private set; }

    /// <summary>Cancelled by the first Ctrl+C or SIGTERM.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>Runs on the second signal, before the process exits (e.g. marks the run interrupted).</summary>
    public Action? OnSecondSignal { get; set; }

    /// <summary>Runs on the first signal instead of the default notice (a verb may say what it stops).</summary>
    public string FirstSignalNotice { get; set; } = "Cancelling… (press Ctrl+C again to stop at once)";

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancel.Dispose();
        if (ReferenceEquals(Current, this))
        {
            Current = null;
        }
    }

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true; // never the runtime's immediate exit: the command ends itself
        if (Interlocked.Increment(ref _signals) == 1)
        {
            Console.Error.WriteLine(FirstSignalNotice);
            _cancel.Cancel();
            return;
        }

        try
        {
            OnSecondSignal?.Invoke();
        }
        finally
        {
            Environment.Exit(InterruptedExitCode);
        }
    }
}
