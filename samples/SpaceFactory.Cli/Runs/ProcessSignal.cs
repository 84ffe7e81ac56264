using System.Runtime.InteropServices;

namespace SpaceFactory.Cli.Runs;

/// <summary>Asks another CLI process to cancel its run: SIGTERM, which its <c>CliSignals</c> handles like Ctrl+C.</summary>
internal static partial class ProcessSignal
{
    private const int SigTerm = 15;

    /// <summary>Sends SIGTERM; false where signals cannot be sent (Windows) or the process is gone.</summary>
    public static bool Terminate(int processId) => !OperatingSystem.IsWindows() && Kill(processId, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
