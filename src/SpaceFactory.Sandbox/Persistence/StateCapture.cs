using SpaceFactory.Sandbox.Hub;
using SpaceFactory.Sandbox.Jobs;
using SpaceFactory.Sandbox.Spaces;

namespace SpaceFactory.Sandbox.Persistence;

/// <summary>Takes a <see cref="SandboxState"/> of the live stores (each object read under its own lock).</summary>
internal static class StateCapture
{
    public static SandboxState Take(SandboxServices services) => new(
        SandboxState.CurrentVersion,
        [.. services.Repos.All.Where(r => !r.Seeded && r.CommitCount > 0).OrderBy(r => r.Id, StringComparer.Ordinal).Select(Repo)],
        [.. services.Spaces.All.OrderBy(s => s.Repo.Id, StringComparer.Ordinal).Select(Space)],
        [.. services.Buckets.All.OrderBy(b => b.Id, StringComparer.Ordinal).Select(b => new BucketState(b.Namespace, b.Name, b.Private, b.CreatedAt))],
        [.. services.Jobs.All.OrderBy(j => j.CreatedAt).Select(Job)],
        [.. services.ScheduledJobs.All.OrderBy(j => j.CreatedAt).Select(Scheduled)]);

    /// <summary>A copy of the spec whose secrets keep their names only (values never reach the disk).</summary>
    public static JobsWire.JobSpec WithoutSecretValues(JobsWire.JobSpec spec) => new()
    {
        DockerImage = spec.DockerImage,
        SpaceId = spec.SpaceId,
        Command = spec.Command,
        Arguments = spec.Arguments,
        Environment = spec.Environment,
        Secrets = spec.Secrets?.ToDictionary(s => s.Key, _ => "", StringComparer.Ordinal),
        Flavor = spec.Flavor,
        TimeoutSeconds = spec.TimeoutSeconds,
        Labels = spec.Labels,
        Volumes = spec.Volumes,
        Arch = spec.Arch,
        Expose = spec.Expose,
    };

    private static RepoState Repo(Repo repo)
    {
        lock (repo.Gate)
        {
            var commits = repo.History(repo.Head).Reverse().Select(c => new CommitState(
                c.Oid, c.ParentOid, c.Summary, c.Description, c.Date,
                [.. c.Tree.Values.Select(f => new FileState(f.Path, f.Size, f.IsLfs, f.BlobPath is null ? null : Path.GetFileName(f.BlobPath), f.PatternSeed))]));
            return new RepoState(repo.Kind.Wire(), repo.Namespace, repo.Name, repo.ObjectId, repo.CreatedAt, repo.Private, repo.Gated, repo.Sdk,
                repo.SeedInfo?.DeepClone().AsObject(), [.. repo.GatedAccess.Order(StringComparer.Ordinal)], [.. commits]);
        }
    }

    private static SpaceState Space(SpaceRuntime space)
    {
        lock (space.Gate)
        {
            return new SpaceState(space.Repo.Id, space.Stage, space.ErrorMessage, space.RequestedHardware, space.GcTimeout,
                [.. space.Secrets.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new NamedEntry(s.Key, null, s.Value.Description, s.Value.UpdatedAt))],
                [.. space.Variables.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => new NamedEntry(v.Key, v.Value.Value, v.Value.Description, v.Value.UpdatedAt))]);
        }
    }

    private static JobState Job(SandboxJob job)
    {
        lock (job.Gate)
        {
            var (lines, _, _) = job.Log.Read(0);
            return new JobState(job.Id, job.Owner, job.OwnerId, WithoutSecretValues(job.Spec), job.CreatedAt, job.StartedAt, job.FinishedAt, job.Stage, job.Message,
                [.. lines.Select(l => new LogLineState(l.Text, l.Timestamp))]);
        }
    }

    private static ScheduledJobState Scheduled(ScheduledJob job)
    {
        lock (job.Gate)
        {
            return new ScheduledJobState(job.Id, job.Owner, job.OwnerId, WithoutSecretValues(job.Spec), job.Schedule, job.CreatedAt, job.UpdatedAt,
                job.Suspend, job.Concurrency, job.LastJob?.Id);
        }
    }
}
