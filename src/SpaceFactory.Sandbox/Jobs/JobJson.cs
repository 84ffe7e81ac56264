using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Jobs;

/// <summary>Builds the Hub's Job answer (<see cref="JobAnswer"/>) from a Sandbox Job at a moment.</summary>
internal static class JobJson
{
    /// <summary>The Job JSON (§2.6): secrets as names only, durations up to <paramref name="now"/> while it runs.</summary>
    public static JobAnswer Build(SandboxJob job, DateTimeOffset now)
    {
        var spec = job.Spec;
        var started = job.StartedAt ?? job.CreatedAt;
        var end = job.FinishedAt ?? now;
        var volumes = spec.Volumes is { Count: > 0 } given
            ? given.Select(v => new JobAnswer.VolumePart(v.Type, v.Source, v.MountPath, v.Revision, v.ReadOnly ?? v.Type is not "bucket", v.Path)).ToList()
            : null;
        return new JobAnswer(
            job.Id,
            "job",
            LogStreamWriter.FormatTimestamp(job.CreatedAt),
            job.StartedAt is { } s ? LogStreamWriter.FormatTimestamp(s) : null,
            job.FinishedAt is { } f ? LogStreamWriter.FormatTimestamp(f) : null,
            spec.DockerImage,
            spec.SpaceId,
            spec.Command ?? [],
            spec.Arguments ?? [],
            spec.Environment ?? [],
            [.. spec.Secrets?.Keys ?? Enumerable.Empty<string>()],
            spec.Flavor ?? "cpu-basic",
            spec.Labels ?? [],
            spec.TimeoutSeconds,
            volumes,
            new JobAnswer.JobStatusPart(job.Stage, job.Message),
            new JobAnswer.DurationsPart(
                (long)(started - job.CreatedAt).TotalSeconds,
                job.StartedAt is null ? null : (long)(end - started).TotalSeconds,
                (long)(end - job.CreatedAt).TotalSeconds),
            new JobAnswer.JobOwnerPart(job.OwnerId, job.Owner, "user"),
            new JobAnswer.InitiatorPart("user", job.OwnerId, job.Owner));
    }
}
