using System.Diagnostics;
using System.Text.Json.Nodes;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Jobs;

/// <summary>The clean environment a Job's process starts with: nothing of the host but PATH.</summary>
internal static class JobEnvironment
{
    /// <summary>Replaces the process environment: PATH, HOME, LANG, the Job's platform variables, then the spec's environment and secrets.</summary>
    public static void Write(ProcessStartInfo start, string hubEndpoint, SandboxJob job, string work, List<(string MountPath, string Local)> mounts)
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
        environment["HF_ENDPOINT"] = hubEndpoint;
        var volumes = new JsonObject();
        foreach (var (mountPath, local) in mounts)
        {
            volumes[mountPath] = local;
        }

        environment["HF_SANDBOX_VOLUMES"] = volumes.ToJsonString(SandboxJsonContext.Relaxed.Options);
        foreach (var (key, value) in job.Spec.Environment ?? [])
        {
            environment[key] = JobVolumes.Substitute(value, mounts);
        }

        foreach (var (key, value) in job.Spec.Secrets ?? [])
        {
            environment[key] = value;
        }
    }
}
