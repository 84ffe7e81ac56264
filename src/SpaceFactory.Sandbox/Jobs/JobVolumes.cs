using System.Globalization;
using SpaceFactory.Sandbox.Hub;

namespace SpaceFactory.Sandbox.Jobs;

/// <summary>A Job's volumes on the Sandbox's disk, and the mount paths in its command and environment rewritten to them.</summary>
internal static class JobVolumes
{
    /// <summary>Maps each volume of the spec to a local folder (Buckets in place, repos copied at their revision); the problem in words, or null.</summary>
    public static string? Map(SandboxServices services, SandboxJob job, string folder, List<(string MountPath, string Local)> mounts)
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
}
