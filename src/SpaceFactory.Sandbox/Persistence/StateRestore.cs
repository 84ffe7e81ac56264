using SpaceFactory.Sandbox.Hub;
using SpaceFactory.Sandbox.Jobs;

namespace SpaceFactory.Sandbox.Persistence;

/// <summary>
/// Puts a loaded <see cref="SandboxState"/> back into the stores of a starting Sandbox: repos and their commits, Buckets,
/// ended Jobs with their logs, scheduled Jobs (re-armed), and Spaces, which build again from their head commit, so a
/// Space that was running runs again (its simulation comes from its committed manifest).
/// </summary>
internal static class StateRestore
{
    /// <summary>Stages after which a Space builds again at start (the app it served is gone with the old process).</summary>
    private static readonly HashSet<string> Rebuilt = new(StringComparer.Ordinal)
    {
        "RUNNING", "BUILDING", "APP_STARTING", "RUNNING_BUILDING", "RUNNING_APP_STARTING", "NO_APP_FILE",
    };

    public static async Task ApplyAsync(SandboxServices services, SandboxState state, string file, CancellationToken cancellationToken)
    {
        foreach (var repo in state.Repos)
        {
            services.Repos.Adopt(Repo(services, repo, file));
        }

        foreach (var bucket in state.Buckets)
        {
            services.Buckets.TryCreate(bucket.Namespace, bucket.Name, bucket.Private, bucket.CreatedAt);
        }

        var now = services.TimeProvider.GetUtcNow();
        foreach (var job in state.Jobs)
        {
            services.Jobs.Adopt(Job(job, now));
        }

        foreach (var scheduled in state.ScheduledJobs)
        {
            var cron = CronSchedule.TryParse(scheduled.Schedule, out var problem)
                ?? throw SandboxDataException.Invalid(file, $"the scheduled Job {scheduled.Id} has the schedule '{scheduled.Schedule}', which is not valid: {problem}");
            services.ScheduledJobs.Adopt(new ScheduledJob(scheduled.Id, scheduled.Owner, scheduled.OwnerId, scheduled.Spec, scheduled.Schedule, cron, scheduled.CreatedAt)
            {
                UpdatedAt = scheduled.UpdatedAt,
                Suspend = scheduled.Suspend,
                Concurrency = scheduled.Concurrency,
                LastJob = scheduled.LastJobId is { } last ? services.Jobs.Find(last) : null,
            });
        }

        foreach (var space in state.Spaces)
        {
            var repo = services.Repos.Find(RepoKind.Space, space.SpaceId)
                ?? throw SandboxDataException.Invalid(file, $"it lists the Space {space.SpaceId} but no Space repo of that name");
            var runtime = await services.Spaces.RegisterAsync(repo, cancellationToken).ConfigureAwait(false);
            lock (runtime.Gate)
            {
                runtime.RequestedHardware = space.RequestedHardware;
                runtime.GcTimeout = space.GcTimeout;
                foreach (var secret in space.Secrets)
                {
                    runtime.Secrets[secret.Key] = (secret.Description, secret.UpdatedAt);
                }

                foreach (var variable in space.Variables)
                {
                    runtime.Variables[variable.Key] = (variable.Value ?? "", variable.Description, variable.UpdatedAt);
                }
            }

            if (Rebuilt.Contains(space.Stage))
            {
                services.Spaces.StartBuild(runtime);
            }
            else
            {
                runtime.SetStage(space.Stage, space.ErrorMessage);
            }
        }
    }

    private static Repo Repo(SandboxServices services, RepoState state, string file)
    {
        if (!RepoKinds.TryParse(state.Kind, out var kind))
        {
            throw SandboxDataException.Invalid(file, $"the repo {state.Namespace}/{state.Name} has the unknown type '{state.Kind}'");
        }

        if (state.Commits.Count == 0)
        {
            throw SandboxDataException.Invalid(file, $"the repo {state.Namespace}/{state.Name} has no commit");
        }

        var repo = new Repo(kind, state.Namespace, state.Name, state.ObjectId, state.CreatedAt)
        {
            Private = state.Private,
            Gated = state.Gated,
            Sdk = state.Sdk,
            SeedInfo = state.SeedInfo,
        };
        repo.GatedAccess.UnionWith(state.GatedAccess);
        foreach (var commit in state.Commits)
        {
            var tree = new SortedDictionary<string, RepoFile>(StringComparer.Ordinal);
            foreach (var entry in commit.Tree)
            {
                tree[entry.Path] = File(services, repo.Id, entry, file);
            }

            repo.Add(new RepoCommit(commit.Oid, commit.ParentOid, commit.Summary, commit.Description, commit.Date, tree));
        }

        return repo;
    }

    private static RepoFile File(SandboxServices services, string repoId, FileState entry, string file)
    {
        if (entry.Blob is null)
        {
            return new RepoFile(entry.Path, entry.Size, entry.IsLfs, blobPath: null, sha256: null, gitOid: null, entry.PatternSeed ?? 0);
        }

        if (!BlobStore.IsSha256(entry.Blob) || !services.Repos.Blobs.TryGet(entry.Blob, out _))
        {
            throw SandboxDataException.Invalid(file, $"the file '{entry.Path}' of {repoId} needs the blob {services.Repos.Blobs.PathOf(entry.Blob.Length >= 2 ? entry.Blob : "??")}, which is missing");
        }

        return new RepoFile(entry.Path, entry.Size, entry.IsLfs, services.Repos.Blobs.PathOf(entry.Blob), entry.Blob, gitOid: null, patternSeed: null);
    }

    private static SandboxJob Job(JobState state, DateTimeOffset now)
    {
        var job = new SandboxJob(state.Id, state.Owner, state.OwnerId, state.Spec, state.CreatedAt);
        job.SetRunning(state.StartedAt ?? state.CreatedAt);
        foreach (var line in state.Log)
        {
            job.Log.Append(line.Text, line.Time);
        }

        // A Job still running when its Sandbox stopped lost its process with it.
        var ended = state.Stage is "COMPLETED" or "ERROR" or "CANCELED" or "DELETED";
        job.TryFinish(ended ? state.Stage : "CANCELED", ended ? state.Message : "The Sandbox was stopped while this Job ran", state.FinishedAt ?? now);
        job.Log.Complete();
        job.Release();
        return job;
    }
}
