using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using SpaceFactory.Sandbox.Hub;
using SpaceFactory.Sandbox.Infrastructure;
using SpaceFactory.Sandbox.Spaces;

namespace SpaceFactory.Sandbox.Jobs;

/// <summary>
/// Runs Jobs as local processes: argv = command + arguments (optionally rewritten per image), a clean environment
/// (PATH, HOME, LANG + the spec's environment and secrets), volumes mapped to folders on the Sandbox's disk.
/// </summary>
internal sealed class JobManager(SandboxServices services)
{
    private readonly ConcurrentDictionary<string, SandboxJob> _jobs = new(StringComparer.Ordinal);

    public SandboxJob? Find(string id) => _jobs.TryGetValue(id, out var job) ? job : null;

    public IEnumerable<SandboxJob> All => _jobs.Values;

    /// <summary>Starts the Job's process; a process that cannot start leaves the Job in ERROR.</summary>
    public SandboxJob Start(string owner, string ownerId, JobsWire.JobSpec spec)
    {
        var now = services.TimeProvider.GetUtcNow();
        var job = new SandboxJob(HexIds.New(24), owner, ownerId, spec, now);
        _jobs[job.Id] = job;
        var folder = Path.Combine(services.DataRoot, "jobs", job.Id);
        var work = Path.Combine(folder, "work");
        Directory.CreateDirectory(work);

        string? problem;
        var mounts = new List<(string MountPath, string Local)>();
        problem = MapVolumes(job, folder, mounts);
        mounts.Sort(static (a, b) => b.MountPath.Length.CompareTo(a.MountPath.Length));

        var argv = (spec.Command ?? []).Concat(spec.Arguments ?? []).Select(a => Substitute(a, mounts)).ToList();
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

        BuildEnvironment(start, job, work, mounts);
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

    /// <summary>Stops a running Job (cancel or timeout): the stage is set first, then the process tree is killed.</summary>
    public void Stop(SandboxJob job, string stage, string message)
    {
        if (!job.TryFinish(stage, message, services.TimeProvider.GetUtcNow()))
        {
            return;
        }

        try
        {
            if (job.Process is { HasExited: false } process)
            {
                process.Kill(entireProcessTree: true);
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
    public JsonObject ToJson(SandboxJob job)
    {
        var spec = job.Spec;
        var now = services.TimeProvider.GetUtcNow();
        var json = new JsonObject
        {
            ["id"] = job.Id,
            ["type"] = "job",
            ["createdAt"] = LogStreamWriter.FormatTimestamp(job.CreatedAt),
            ["startedAt"] = job.StartedAt is { } s ? LogStreamWriter.FormatTimestamp(s) : null,
            ["finishedAt"] = job.FinishedAt is { } f ? LogStreamWriter.FormatTimestamp(f) : null,
            ["dockerImage"] = spec.DockerImage,
            ["spaceId"] = spec.SpaceId,
            ["command"] = Strings(spec.Command),
            ["arguments"] = Strings(spec.Arguments),
            ["environment"] = Map(spec.Environment),
            ["secrets"] = Strings(spec.Secrets?.Keys),
            ["flavor"] = spec.Flavor ?? "cpu-basic",
            ["labels"] = Map(spec.Labels),
        };
        if (spec.TimeoutSeconds is { } timeout)
        {
            json["timeoutSeconds"] = timeout;
        }

        if (spec.Volumes is { Count: > 0 } volumes)
        {
            var array = new JsonArray();
            foreach (var v in volumes)
            {
                var volume = new JsonObject { ["type"] = v.Type, ["source"] = v.Source, ["mountPath"] = v.MountPath };
                if (v.Revision is not null)
                {
                    volume["revision"] = v.Revision;
                }

                volume["readOnly"] = v.ReadOnly ?? v.Type is not "bucket";
                if (v.Path is not null)
                {
                    volume["path"] = v.Path;
                }

                array.Append(volume);
            }

            json["volumes"] = array;
        }

        json["status"] = new JsonObject { ["stage"] = job.Stage, ["message"] = job.Message };
        var started = job.StartedAt ?? job.CreatedAt;
        var end = job.FinishedAt ?? now;
        json["durations"] = new JsonObject
        {
            ["schedulingSecs"] = (long)(started - job.CreatedAt).TotalSeconds,
            ["runningSecs"] = job.StartedAt is null ? null : (long)(end - started).TotalSeconds,
            ["totalSecs"] = (long)(end - job.CreatedAt).TotalSeconds,
        };
        var user = new JsonObject { ["id"] = job.OwnerId, ["name"] = job.Owner, ["type"] = "user" };
        json["owner"] = user;
        json["initiator"] = new JsonObject { ["type"] = "user", ["id"] = job.OwnerId, ["name"] = job.Owner };
        return json;
    }

    public void StopAll()
    {
        foreach (var job in _jobs.Values)
        {
            Stop(job, "CANCELED", "The Sandbox was stopped");
        }
    }

    private string? MapVolumes(SandboxJob job, string folder, List<(string MountPath, string Local)> mounts)
    {
        var index = 0;
        foreach (var volume in job.Spec.Volumes ?? [])
        {
            if (string.IsNullOrEmpty(volume.MountPath) || !volume.MountPath.StartsWith('/') || volume.MountPath is "/")
            {
                return $"Invalid volume mountPath '{volume.MountPath}': it must be absolute and not '/'";
            }

            var parts = (volume.Source ?? "").Split('/');
            if (parts.Length != 2)
            {
                return $"Invalid volume source '{volume.Source}': expected namespace/name";
            }

            string local;
            if (volume.Type is "bucket")
            {
                var bucket = services.Buckets.Find(parts[0], parts[1]);
                if (bucket is null || !string.Equals(bucket.Namespace, job.Owner, StringComparison.OrdinalIgnoreCase) && bucket.Private)
                {
                    return $"Bucket {volume.Source} not found";
                }

                local = bucket.Folder;
            }
            else if (RepoKinds.TryParse(volume.Type, out var kind))
            {
                var repo = services.Repos.Find(kind, volume.Source!);
                var commit = repo?.Resolve(volume.Revision ?? "main");
                if (repo is null || commit is null || repo.Private && !string.Equals(repo.Namespace, job.Owner, StringComparison.OrdinalIgnoreCase))
                {
                    return $"{kind.Wire()} {volume.Source} (revision {volume.Revision ?? "main"}) not found";
                }

                local = Path.Combine(folder, "volumes", (index++).ToString(CultureInfo.InvariantCulture));
                foreach (var file in commit.Tree.Values)
                {
                    var target = Path.Combine(local, file.Path);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    using var source = file.Open();
                    using var output = File.Create(target);
                    source.CopyTo(output);
                }
            }
            else
            {
                return $"Invalid volume type '{volume.Type}': expected bucket, model, dataset or space";
            }

            if (!string.IsNullOrEmpty(volume.Path))
            {
                if (RepoNameRules.CheckPath(volume.Path.Trim('/')) is { } pathProblem)
                {
                    return pathProblem;
                }

                local = Path.Combine(local, volume.Path.Trim('/'));
                Directory.CreateDirectory(local);
            }

            mounts.Add((volume.MountPath.TrimEnd('/'), local));
        }

        return null;
    }

    private void BuildEnvironment(ProcessStartInfo start, SandboxJob job, string work, List<(string MountPath, string Local)> mounts)
    {
        var environment = start.Environment;
        environment.Clear();
        environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        environment["HOME"] = work;
        environment["LANG"] = "C.UTF-8";
        environment["JOB_ID"] = job.Id;
        environment["ACCELERATOR"] = "none";
        environment["CPU_CORES"] = "2";
        environment["MEMORY"] = "16Gi";
        environment["HF_ENDPOINT"] = services.BaseUrl;
        var volumes = new JsonObject();
        foreach (var (mountPath, local) in mounts)
        {
            volumes[mountPath] = local;
        }

        environment["HF_SANDBOX_VOLUMES"] = volumes.ToJsonString(SandboxJsonContext.Relaxed.Options);
        foreach (var (key, value) in job.Spec.Environment ?? [])
        {
            environment[key] = Substitute(value, mounts);
        }

        foreach (var (key, value) in job.Spec.Secrets ?? [])
        {
            environment[key] = value;
        }
    }

    /// <summary>Replaces a mount path (at the start or after <c>=</c>, <c>:</c>, space or a quote, followed by the end or <c>/</c>) by its local folder.</summary>
    internal static string Substitute(string value, IReadOnlyList<(string MountPath, string Local)> mounts)
    {
        foreach (var (mountPath, local) in mounts)
        {
            var index = 0;
            while ((index = value.IndexOf(mountPath, index, StringComparison.Ordinal)) >= 0)
            {
                var end = index + mountPath.Length;
                var before = index == 0 || value[index - 1] is '=' or ':' or ' ' or '"' or '\'' or ',';
                var after = end == value.Length || value[end] is '/' or ' ' or '"' or '\'' or ':' or ',';
                if (before && after)
                {
                    value = string.Concat(value.AsSpan(0, index), local, value.AsSpan(end));
                    index += local.Length;
                }
                else
                {
                    index = end;
                }
            }
        }

        return value;
    }

    private async Task MonitorAsync(SandboxJob job)
    {
        var process = job.Process!;
        var stdout = PumpAsync(process.StandardOutput, job);
        var stderr = PumpAsync(process.StandardError, job);
        await process.WaitForExitAsync().ConfigureAwait(false);
        await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
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
    }

    private static JsonArray Strings(IEnumerable<string>? values)
    {
        var array = new JsonArray();
        foreach (var value in values ?? [])
        {
            array.Append(value);
        }

        return array;
    }

    private static JsonObject Map(Dictionary<string, string>? values)
    {
        var map = new JsonObject();
        foreach (var (key, value) in values ?? [])
        {
            map[key] = value;
        }

        return map;
    }
}
