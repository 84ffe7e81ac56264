using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace SpaceFactory.Sandbox.Jobs;

/// <summary>
/// SIGTERM for a Job's processes, as a container runtime sends on cancel (.NET itself only offers SIGKILL): the Job's
/// program may stop cleanly, e.g. the SpaceFactory worker ends its run <c>cancelled</c>. On Linux every process of the
/// Job's tree gets it (a shell's children hold the log pipes), elsewhere the Job's first process; Windows kills at once.
/// </summary>
internal static partial class JobSignals
{
    private const int SigTerm = 15;

    public static void Terminate(Process root)
    {
        if (OperatingSystem.IsWindows())
        {
            root.Kill(entireProcessTree: true);
            return;
        }

        var targets = OperatingSystem.IsLinux() ? Descendants(root.Id) : [];
        targets.Insert(0, root.Id);
        foreach (var pid in targets)
        {
            _ = Kill(pid, SigTerm);
        }
    }

    /// <summary>The processes below <paramref name="root"/>, from the parent ids in <c>/proc/{pid}/stat</c>.</summary>
    private static List<int> Descendants(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent))
                {
                    (children.TryGetValue(parent, out var list) ? list : children[parent] = []).Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
            {
                // The process ended meanwhile, or is not ours to read.
            }
        }

        var found = new List<int>();
        var queue = new Queue<int>([root]);
        while (queue.TryDequeue(out var pid))
        {
            foreach (var child in children.GetValueOrDefault(pid) ?? [])
            {
                found.Add(child);
                queue.Enqueue(child);
            }
        }

        return found;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
