using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SpaceFactory.Phases.Agents;

/// <summary>SIGTERM for a child process (.NET only offers SIGKILL): pi then disposes its runtime and its bash children.</summary>
internal static partial class PosixSignals
{
    private const int SigTerm = 15;

    /// <summary>Asks <paramref name="process"/> to stop; on Windows it is killed at once.</summary>
    public static void Terminate(Process process)
    {
        if (OperatingSystem.IsWindows())
        {
            process.Kill(entireProcessTree: true);
            return;
        }

        _ = Kill(process.Id, SigTerm);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
