using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using SpaceFactory.Sandbox.Infrastructure;
using SpaceFactory.Sandbox.Spaces;

namespace SpaceFactory.Sandbox.Jobs;

/// <summary>
/// Runs Jobs as local processes: argv = command + arguments (optionally rewritten per image), a clean environment
/// (PATH, HOME, LANG + the spec's environment and secrets), volumes mapped to folders on the Sandbox's disk.
/// </summary>
internal sealed class JobManager(SandboxServices services)
{
    /// <summary>How long a cancelled Job's processes have between SIGTERM and SIGKILL (a container runtime's default).</summary>
    public static readonly TimeSpan CancelGracePeriod = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, SandboxJob> _jobs = new(StringComparer.Ordinal);

    public SandboxJob? Find(string id) => _jobs.TryGetValue(id, out var job) ? job : null;

    public IEnumerable<SandboxJob> All => _jobs.Values;

    /// <summary>Adds an ended Job restored from a persistent Sandbox's state.</summary>
    public void Adopt(SandboxJob job) => _jobs[job.Id] = job;

    /// <summary>Starts the Job's process; a process that cannot start leaves the Job in ERROR.</summary>
    public SandboxJob Start(string owner, string ownerId, JobsWire.JobSpec spec)
    {
        var now = services.TimeProvider.GetUtcNow();
        var job = new SandboxJob(HexIds.New(24), owner, ownerId, spec, now);
        _jobs[job.Id] = job;
        services.Changed();
        var folder = Path.Combine(services.DataRoot, "jobs", job.Id);
        var work = Path.Combine(folder, "work");
        Directory.CreateDirectory(work);

        string? problem;
        var mounts = new List<(string MountPath, string Local)>();
        problem = JobVolumes.Map(services, job, folder, mounts);
        mounts.Sort(static (a, b) => b.MountPath.Length.CompareTo(a.MountPath.Length));

        var argv = (spec.Command ?? []).Concat(spec.Arguments ?? []).Select(a => JobVolumes.Substitute(a, mounts)).ToList();
        var image = spec.DockerImage ?? spec.SpaceId ?? "";
        if (services.Options.JobImageCommandMap.TryGetValue(image, out var rewrite))
        {
            argv = [.. rewrite(argv)];
        }

        job.Log.Append($"===== Job started at {now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} (SpaceFactory Sandbox: local process, image {image} not pulled) =====", now);
        job.SetRunning(now);
        if (problem is null && argv.Count == 0)
        {
            problem = "The job has no command";
        }

        if (problem is not null)
        {
            Fail(job, problem);
            return job;
        }

        var start = new ProcessStartInfo(argv[0])
        {
            WorkingDirectory = work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in argv.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        JobEnvironment.Write(start, services.BaseUrl, job, work, mounts);
        try
        {
            job.Process = Process.Start(start) ?? throw new InvalidOperationException("Process.Start returned null");
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            Fail(job, $"failed to start '{argv[0]}': {e.Message}");
            return job;
        }

        job.Process.StandardInput.Close();
        var timeout = spec.TimeoutSeconds is > 0 ? TimeSpan.FromSeconds(spec.TimeoutSeconds.Value) : services.Options.JobDefaultTimeout;
        job.TimeoutTimer = services.TimeProvider.CreateTimer(
            static state =>
            {
                var (manager, j, seconds) = ((JobManager, SandboxJob, double))state!;
                manager.Stop(j, "ERROR", $"timeout: the job ran longer than its timeout of {seconds.ToString(CultureInfo.InvariantCulture)} s and was stopped");
            },
            (this, job, timeout.TotalSeconds),
            timeout,
            Timeout.InfiniteTimeSpan);
        _ = MonitorAsync(job);
        return job;
    }

    /// <summary>
    /// Stops a running Job: the stage is set first, then the process tree is killed, or, when <paramref name="graceful"/>
    /// (a cancel), sent SIGTERM and killed only if it still runs after <see cref="CancelGracePeriod"/>.
    /// </summary>
    public void Stop(SandboxJob job, string stage, string message, bool graceful = false)
    {
        if (!job.TryFinish(stage, message, services.TimeProvider.GetUtcNow()))
        {
            return;
        }

        try
        {
            if (job.Process is { HasExited: false } process)
            {
                if (graceful)
                {
                    JobSignals.Terminate(process);
                    job.TimeoutTimer = services.TimeProvider.CreateTimer(static state => Kill((Process)state!), process, CancelGracePeriod, Timeout.InfiniteTimeSpan);
                }
                else
                {
                    process.Kill(entireProcessTree: true);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }

        if (job.Process is null)
        {
            Finish(job);
        }
    }

    /// <summary>The Job JSON (§2.6): secrets as names only.</summary>
    public JobAnswer ToJson(SandboxJob job) => JobJson.Build(job, services.TimeProvider.GetUtcNow());

    public void StopAll()
    {
        foreach (var job in _jobs.Values)
        {
            Stop(job, "CANCELED", "The Sandbox was stopped");
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // It exited (and may be disposed) meanwhile.
        }
    }

    private async Task MonitorAsync(SandboxJob job)
    {
        var process = job.Process!;
        var stdout = PumpAsync(process.StandardOutput, job);
        var stderr = PumpAsync(process.StandardError, job);
        await process.WaitForExitAsync().ConfigureAwait(false);
        await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        job.TimeoutTimer?.Dispose(); // a cancelled Job's SIGKILL timer, once its processes ended by themselves
        var code = process.ExitCode;
        job.TryFinish(code == 0 ? "COMPLETED" : "ERROR", code == 0 ? null : $"Job failed with exit code: {code.ToString(CultureInfo.InvariantCulture)}", services.TimeProvider.GetUtcNow());
        process.Dispose();
        Finish(job);
    }

    private async Task PumpAsync(StreamReader reader, SandboxJob job)
    {
        string? line;
        while ((line = await reader.ReadLineAsync().ConfigureAwait(false)) is not null)
        {
            job.Log.Append(line, services.TimeProvider.GetUtcNow());
        }
    }

    private void Fail(SandboxJob job, string message)
    {
        job.Log.Append("Error: " + message, services.TimeProvider.GetUtcNow());
        job.TryFinish("ERROR", message, services.TimeProvider.GetUtcNow());
        Finish(job);
    }

    private void Finish(SandboxJob job)
    {
        job.Log.Complete();
        job.Release();
        SandboxLog.JobFinished(services.Logger, job.Id, job.Stage);
        services.Changed();
    }
}
