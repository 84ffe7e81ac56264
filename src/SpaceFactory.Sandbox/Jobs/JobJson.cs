using System.Text.Json.Nodes;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Jobs;

/// <summary>The Hub's Job answer (<c>GET /api/jobs/{ns}/{id}</c> and the listings), in its field order.</summary>
internal static class JobJson
{
    /// <summary>The Job JSON (§2.6): secrets as names only.</summary>
    public static JsonObject Build(SandboxJob job, DateTimeOffset now)
    {
        var spec = job.Spec;
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
