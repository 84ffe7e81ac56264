using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace SpaceFactory.Hf.Jobs;

/// <summary>
/// A Storage Bucket or a repository mounted into a Job's container (one entry of <c>volumes</c>).
/// </summary>
/// <remarks>
/// <para>Buckets are read-write unless mounted read-only; models, datasets and Spaces are always read-only. Writes to a
/// bucket mount land in the bucket, which is how a Job leaves files behind.</para>
/// <para><see cref="Parse"/> reads the <c>hf jobs run -v</c> syntax:
/// <c>hf://buckets/namespace/name[/path]:/mount[:ro|:rw]</c> and
/// <c>hf://[models/|datasets/|spaces/]namespace/name[@revision][/path]:/mount[:ro]</c>.</para>
/// </remarks>
[JsonConverter(typeof(JobVolumeJsonConverter))]
[System.Diagnostics.CodeAnalysis.Experimental("SFHF001")]
public sealed partial record JobVolume
{
    private const string Syntax =
        "expected 'hf://buckets/namespace/name[/path]:/mount[:ro|:rw]' or 'hf://[models/|datasets/|spaces/]namespace/name[@revision][/path]:/mount[:ro]'";

    internal JobVolume(JobVolumeType type, string source, string mountPath, bool? readOnly, string? path, string? revision)
    {
        Type = type;
        Source = source;
        MountPath = mountPath;
        ReadOnly = readOnly;
        Path = path;
        Revision = revision;
    }

    /// <summary>What is mounted: bucket, model, dataset or Space.</summary>
    public JobVolumeType Type { get; }

    /// <summary>The bucket or repository id, <c>namespace/name</c> (no type prefix).</summary>
    public string Source { get; }

    /// <summary>Where it appears in the container: an absolute path other than <c>/</c>.</summary>
    public string MountPath { get; }

    /// <summary>Read-only flag; <see langword="null"/> leaves the Hub's default (buckets read-write, repositories read-only).</summary>
    public bool? ReadOnly { get; }

    /// <summary>A folder inside the bucket or repository to mount instead of its root, e.g. <c>sub/dir</c>.</summary>
    public string? Path { get; }

    /// <summary>The repository revision (branch, tag or commit); <see langword="null"/> for <c>main</c>. Never set for buckets.</summary>
    public string? Revision { get; }

    /// <summary>Mounts a Storage Bucket.</summary>
    /// <param name="bucket">The bucket, <c>namespace/name</c>.</param>
    /// <param name="mountPath">Absolute path in the container, e.g. <c>/output</c>.</param>
    /// <param name="readOnly"><see langword="true"/> for a read-only mount; <see langword="null"/> for the default (read-write).</param>
    /// <param name="path">A folder of the bucket to mount instead of its root.</param>
    /// <returns>The volume.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; the message says which and why.</exception>
    public static JobVolume Bucket(RepoId bucket, string mountPath, bool? readOnly = null, string? path = null)
    {
        RequireNamespace(bucket, nameof(bucket));
        ThrowIfInvalid(ValidateMountPath(mountPath), nameof(mountPath));
        var normalized = NormalizeSubPath(path, out var pathError);
        ThrowIfInvalid(pathError, nameof(path));
        return new JobVolume(JobVolumeType.Bucket, bucket.ToString(), mountPath, readOnly, normalized, revision: null);
    }

    /// <summary>Mounts a model, dataset or Space repository (always read-only).</summary>
    /// <param name="type">The repository type.</param>
    /// <param name="repository">The repository, <c>namespace/name</c>.</param>
    /// <param name="mountPath">Absolute path in the container, e.g. <c>/data</c>.</param>
    /// <param name="revision">Branch, tag or commit; <see langword="null"/> for <c>main</c>.</param>
    /// <param name="path">A folder of the repository to mount instead of its root.</param>
    /// <returns>The volume.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; the message says which and why.</exception>
    public static JobVolume Repository(RepoType type, RepoId repository, string mountPath, string? revision = null, string? path = null)
    {
        RequireNamespace(repository, nameof(repository));
        ThrowIfInvalid(ValidateMountPath(mountPath), nameof(mountPath));
        if (revision is not null && string.IsNullOrWhiteSpace(revision))
        {
            throw new ArgumentException("The revision must not be empty; pass null for 'main'.", nameof(revision));
        }

        var normalized = NormalizeSubPath(path, out var pathError);
        ThrowIfInvalid(pathError, nameof(path));
        return new JobVolume(JobVolumeType.FromRepoType(type), repository.ToString(), mountPath, readOnly: null, normalized, revision);
    }

    /// <summary>Parses a mount string of <c>hf jobs run -v</c>.</summary>
    /// <param name="mount">E.g. <c>hf://buckets/me/out:/output</c> or <c>hf://datasets/org/ds@v1/train:/data:ro</c>.</param>
    /// <returns>The volume.</returns>
    /// <exception cref="FormatException">The string is malformed; the message quotes it and says what is wrong.</exception>
    public static JobVolume Parse(string mount)
    {
        ArgumentNullException.ThrowIfNull(mount);
        return TryParse(mount, out var volume, out var error) ? volume : throw new FormatException(error);
    }

    /// <summary>Parses a mount string, saying what is wrong when it fails.</summary>
    /// <param name="mount">The mount string.</param>
    /// <param name="volume">The volume when valid.</param>
    /// <param name="error">What is wrong, quoting the string.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? mount, [NotNullWhen(true)] out JobVolume? volume, [NotNullWhen(false)] out string? error)
    {
        volume = null;
        var problem = TryParseCore(mount ?? string.Empty, out volume);
        error = problem is null ? null : $"Volume '{mount}' is malformed: {problem} ({Syntax}).";
        return problem is null;
    }

    /// <summary>The volume in the <c>hf://</c> mount syntax (type prefix always written), e.g. <c>hf://buckets/me/out:/output</c>.</summary>
    /// <returns>A string <see cref="Parse"/> reads back to an equal volume.</returns>
    public override string ToString()
    {
        var builder = new StringBuilder("hf://").Append(Type.Value).Append("s/").Append(Source);
        if (Revision is not null)
        {
            builder.Append('@').Append(Revision.Contains('/', StringComparison.Ordinal) && SpecialRevision().Match(Revision).Length != Revision.Length
                ? Revision.Replace("/", "%2F", StringComparison.Ordinal)
                : Revision);
        }

        if (Path is not null)
        {
            builder.Append('/').Append(Path);
        }

        builder.Append(':').Append(MountPath);
        if (ReadOnly is { } readOnly)
        {
            builder.Append(readOnly ? ":ro" : ":rw");
        }

        return builder.ToString();
    }

    // Follows huggingface_hub utils/_hf_uris.py parse_hf_mount: strip ':ro'/':rw', split at the last ':/', then the
    // optional plural type prefix, then 'namespace/name[@revision][/path]' (buckets: no revision).
    private static string? TryParseCore(string mount, out JobVolume? volume)
    {
        volume = null;
        if (!mount.StartsWith("hf://", StringComparison.Ordinal))
        {
            return mount.Contains(":/", StringComparison.Ordinal)
                ? "it must start with 'hf://' (local folders cannot be mounted directly; upload them to a bucket first)"
                : "it must start with 'hf://'";
        }

        var body = mount["hf://".Length..];
        if (body.Length == 0)
        {
            return "nothing follows 'hf://'";
        }

        bool? readOnly = null;
        if (body.EndsWith(":ro", StringComparison.Ordinal))
        {
            readOnly = true;
            body = body[..^3];
        }
        else if (body.EndsWith(":rw", StringComparison.Ordinal))
        {
            readOnly = false;
            body = body[..^3];
        }

        var split = body.LastIndexOf(":/", StringComparison.Ordinal);
        if (split < 0)
        {
            return readOnly is null
                ? "the mount path is missing; add ':/<mount path>' (e.g. 'hf://buckets/me/out:/output')"
                : "':ro'/':rw' is only valid after a mount path (e.g. 'hf://buckets/me/out:/output:ro')";
        }

        var location = body[..split];
        var mountPath = body[(split + 1)..];
        if (location.Length == 0)
        {
            return "nothing to mount before the mount path";
        }

        if (ValidateMountPath(mountPath) is { } mountError)
        {
            return mountError;
        }

        if (SplitType(location, out var type, out var rest) is { } typeError)
        {
            return typeError;
        }

        return type == JobVolumeType.Bucket
            ? ParseBucket(rest, mountPath, readOnly, out volume)
            : ParseRepository(type, rest, mountPath, readOnly, out volume);
    }

    private static string? SplitType(string location, out JobVolumeType type, out string rest)
    {
        var slash = location.IndexOf('/', StringComparison.Ordinal);
        var first = slash < 0 ? location : location[..slash];
        rest = slash < 0 ? string.Empty : location[(slash + 1)..];
        type = JobVolumeType.Model;
        switch (first)
        {
            case "buckets":
                type = JobVolumeType.Bucket;
                break;
            case "models":
                break;
            case "datasets":
                type = JobVolumeType.Dataset;
                break;
            case "spaces":
                type = JobVolumeType.Space;
                break;
            case "kernels":
                return "'kernels/' volumes are not supported by the Jobs API (bucket, model, dataset and space are)";
            case "bucket" or "model" or "dataset" or "space" or "kernel":
                return $"the type prefix must be plural: '{first}s/' instead of '{first}/'";
            default:
                rest = location; // no prefix: a model id
                return null;
        }

        return rest.Trim('/').Length == 0 ? $"an id 'namespace/name' must follow '{first}/'" : null;
    }

    private static string? ParseBucket(string location, string mountPath, bool? readOnly, out JobVolume? volume)
    {
        volume = null;
        var parts = location.Trim('/').Split('/', 3);
        if (parts.Length < 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            return $"the bucket id must be 'namespace/name', got '{location.Trim('/')}'";
        }

        if (parts[0].Contains('@', StringComparison.Ordinal) || parts[1].Contains('@', StringComparison.Ordinal))
        {
            return "buckets have no revisions, so '@' is not allowed in a bucket id";
        }

        if (!RepoId.TryParse(parts[0] + "/" + parts[1], out var bucket, out var idError))
        {
            return idError;
        }

        var path = NormalizeSubPath(parts.Length == 3 ? parts[2] : null, out var pathError);
        if (pathError is not null)
        {
            return pathError;
        }

        volume = new JobVolume(JobVolumeType.Bucket, bucket.ToString(), mountPath, readOnly, path, revision: null);
        return null;
    }

    private static string? ParseRepository(JobVolumeType type, string location, string mountPath, bool? readOnly, out JobVolume? volume)
    {
        volume = null;
        if (readOnly == false)
        {
            return $"{type.Value} volumes are always read-only, so ':rw' is not allowed";
        }

        location = location.Trim('/');
        string idText;
        string? revision = null;
        string rest;
        var at = location.IndexOf('@', StringComparison.Ordinal);
        if (at < 0 || location.AsSpan(0, at).Count('/') > 1)
        {
            // No revision ('@' further on belongs to a file name).
            var parts = location.Split('/', 3);
            if (parts.Length < 2)
            {
                return $"the {type.Value} id must be 'namespace/name', got '{location}'";
            }

            idText = parts[0] + "/" + parts[1];
            rest = parts.Length == 3 ? parts[2] : string.Empty;
        }
        else
        {
            idText = location[..at];
            var revisionAndPath = location[(at + 1)..];
            var special = SpecialRevision().Match(revisionAndPath);
            int cut;
            if (special.Success)
            {
                cut = special.Length;
            }
            else
            {
                cut = revisionAndPath.IndexOf('/', StringComparison.Ordinal);
                cut = cut < 0 ? revisionAndPath.Length : cut;
            }

            revision = Uri.UnescapeDataString(revisionAndPath[..cut]);
            rest = revisionAndPath[cut..].TrimStart('/');
            if (revision.Length == 0)
            {
                return "the revision after '@' is empty";
            }
        }

        if (!RepoId.TryParse(idText, out var repository, out var idError) || repository.Namespace is null)
        {
            return idError ?? $"the {type.Value} id must be 'namespace/name', got '{idText}'";
        }

        var path = NormalizeSubPath(rest.Length == 0 ? null : rest, out var pathError);
        if (pathError is not null)
        {
            return pathError;
        }

        volume = new JobVolume(type, repository.ToString(), mountPath, readOnly, path, revision);
        return null;
    }

    private static string? ValidateMountPath(string? mountPath)
    {
        if (string.IsNullOrEmpty(mountPath) || mountPath[0] != '/' || mountPath.Length == 1)
        {
            return $"the mount path must be an absolute path other than '/', got '{mountPath}'";
        }

        return mountPath.AsSpan().ContainsAnyInRange('\0', '\u001f')
            ? $"the mount path '{mountPath.ReplaceLineEndings(" ")}' contains a control character"
            : null;
    }

    private static string? NormalizeSubPath(string? path, out string? error)
    {
        error = null;
        if (path is null)
        {
            return null;
        }

        var trimmed = path.TrimEnd('/');
        if (trimmed.Length == 0)
        {
            return null;
        }

        if (trimmed[0] == '/' || trimmed.Contains("//", StringComparison.Ordinal))
        {
            error = $"the path inside the bucket or repository must not start with '/' or contain empty segments ('//'), got '{path}'";
            return null;
        }

        return trimmed;
    }

    private static void RequireNamespace(RepoId id, string parameter)
    {
        if (id.Namespace is null || id.Name is null)
        {
            throw new ArgumentException($"'{id}' has no namespace; a volume source must be 'namespace/name'.", parameter);
        }
    }

    private static void ThrowIfInvalid(string? error, string parameter)
    {
        if (error is not null)
        {
            throw new ArgumentException(char.ToUpperInvariant(error[0]) + error[1..] + ".", parameter);
        }
    }

    // 'refs/pr/N' and 'refs/convert/<name>' contain '/' and are matched before splitting revision from path.
    [GeneratedRegex(@"^refs/(?:convert/[\w.-]+|pr/\d+)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SpecialRevision();
}
