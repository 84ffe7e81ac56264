using System.Diagnostics.CodeAnalysis;

namespace SpaceFactory.Hf.Buckets;

/// <summary>
/// A location in a Storage Bucket: the bucket and a path inside it (empty for the root). Written
/// <c>hf://buckets/namespace/name[/path]</c>.
/// </summary>
/// <remarks>
/// <see cref="Parse(string, Uri?)"/> also reads the bucket web URLs the Hub shows:
/// <c>{endpoint}/buckets/namespace/name</c>, <c>…/tree/{path}</c> and <c>…/resolve/{path}</c> (on
/// <c>huggingface.co</c>, <c>hf.co</c> or the given endpoint; the scheme may be omitted). Buckets have no revisions.
/// </remarks>
[System.Diagnostics.CodeAnalysis.Experimental("SFHF002")]
public sealed record BucketUri
{
    private const string Scheme = "hf://buckets/";

    private static readonly string[] KnownHosts = ["huggingface.co", "hf.co", "hub-ci.huggingface.co"];

    /// <summary>Creates a location from a bucket and a path inside it.</summary>
    /// <param name="bucket">The bucket, <c>namespace/name</c>.</param>
    /// <param name="path">A path inside the bucket (leading and trailing <c>/</c> are dropped); <see langword="null"/> or empty for the root.</param>
    /// <exception cref="ArgumentException">The bucket has no namespace, or the path is invalid; the message says why.</exception>
    public BucketUri(RepoId bucket, string? path = null)
    {
        if (bucket.Namespace is null || bucket.Name is null)
        {
            throw new ArgumentException($"Bucket '{bucket}' has no namespace; write it 'namespace/name'.", nameof(bucket));
        }

        var trimmed = path?.Trim('/') ?? string.Empty;
        if (trimmed.Length > 0 && BucketPaths.Validate(trimmed, "bucket path") is { } error)
        {
            throw new ArgumentException($"Invalid bucket location: {error}.", nameof(path));
        }

        Bucket = bucket;
        Path = trimmed;
    }

    /// <summary>The bucket, <c>namespace/name</c>.</summary>
    public RepoId Bucket { get; }

    /// <summary>The path inside the bucket, without leading or trailing <c>/</c>; empty for the root.</summary>
    public string Path { get; }

    /// <summary>Whether this is the bucket's root.</summary>
    public bool IsRoot => Path.Length == 0;

    /// <summary>A location below this one.</summary>
    /// <param name="relativePath">A path relative to <see cref="Path"/>, e.g. <c>runs/42/state.json</c>.</param>
    /// <returns>The combined location.</returns>
    public BucketUri Combine(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var relative = relativePath.Trim('/');
        return new BucketUri(Bucket, IsRoot ? relative : relative.Length == 0 ? Path : Path + "/" + relative);
    }

    /// <summary>Parses <c>hf://buckets/namespace/name[/path]</c> or a bucket web URL.</summary>
    /// <param name="s">The text.</param>
    /// <returns>The location.</returns>
    /// <exception cref="FormatException">The text is not a bucket location; the message quotes it and says why.</exception>
    public static BucketUri Parse(string s) => Parse(s, endpoint: null);

    /// <summary>Parses <c>hf://buckets/namespace/name[/path]</c> or a bucket web URL on the public Hub or on <paramref name="endpoint"/>.</summary>
    /// <param name="s">The text.</param>
    /// <param name="endpoint">A self-hosted or local Hub whose URLs are accepted too (its path prefix is dropped).</param>
    /// <returns>The location.</returns>
    /// <exception cref="FormatException">The text is not a bucket location; the message quotes it and says why.</exception>
    public static BucketUri Parse(string s, Uri? endpoint)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, endpoint, out var uri, out var error) ? uri : throw new FormatException(error);
    }

    /// <summary>Parses a bucket location, saying what is wrong when it fails.</summary>
    /// <param name="s">The text.</param>
    /// <param name="endpoint">A self-hosted or local Hub whose URLs are accepted too; may be <see langword="null"/>.</param>
    /// <param name="result">The location when valid.</param>
    /// <param name="error">What is wrong, quoting the text.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? s, Uri? endpoint, [NotNullWhen(true)] out BucketUri? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        var problem = s is null ? "it is null" : ParseCore(s, endpoint, out result);
        error = problem is null ? null : $"'{s}' is not a bucket location: {problem}. Expected 'hf://buckets/namespace/name[/path]' or a bucket URL such as 'https://huggingface.co/buckets/namespace/name/tree/path'.";
        return problem is null;
    }

    /// <summary>The bucket's web page (<c>{endpoint}/buckets/ns/name</c>), or its folder view (<c>…/tree/{path}</c>).</summary>
    /// <param name="endpoint">The Hub, e.g. <c>https://huggingface.co</c>.</param>
    /// <returns>The URL.</returns>
    public Uri ToWebUrl(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var relative = $"buckets/{Bucket}" + (IsRoot ? string.Empty : "/tree/" + BucketPaths.EscapeSegments(Path));
        return new Uri(HfServiceCollectionExtensions.WithTrailingSlash(endpoint), relative);
    }

    /// <summary>The <c>hf://buckets/…</c> form.</summary>
    /// <returns>E.g. <c>hf://buckets/me/runs/42</c>.</returns>
    public override string ToString() => Scheme + Bucket + (IsRoot ? string.Empty : "/" + Path);

    private static string? ParseCore(string s, Uri? endpoint, out BucketUri? result)
    {
        result = null;
        string location;
        if (s.StartsWith("hf://", StringComparison.Ordinal))
        {
            if (!s.StartsWith(Scheme, StringComparison.Ordinal))
            {
                return "an hf:// bucket location starts with 'hf://buckets/'";
            }

            location = s[Scheme.Length..];
        }
        else if (FromUrl(s, endpoint, out var fromUrl) is { } urlError)
        {
            return urlError;
        }
        else
        {
            location = fromUrl!;
        }

        var parts = location.Trim('/').Split('/', 3);
        if (parts.Length < 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            return "the bucket must be written 'namespace/name'";
        }

        if (parts[0].Contains('@', StringComparison.Ordinal) || parts[1].Contains('@', StringComparison.Ordinal))
        {
            return "buckets have no revisions, so '@' is not allowed";
        }

        if (!RepoId.TryParse(parts[0] + "/" + parts[1], out var bucket, out var idError))
        {
            return idError;
        }

        var path = parts.Length == 3 ? parts[2].Trim('/') : string.Empty;
        if (path.Length > 0 && BucketPaths.Validate(path, "path") is { } pathError)
        {
            return pathError;
        }

        result = new BucketUri(bucket, path);
        return null;
    }

    // Turns '[https://]host[/prefix]/buckets/ns/name[/tree|resolve/path]' into 'ns/name[/path]'.
    private static string? FromUrl(string s, Uri? endpoint, out string? location)
    {
        location = null;
        var text = s.Contains("://", StringComparison.Ordinal) ? s : "https://" + s;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return "it is neither an hf:// location nor an http(s) URL";
        }

        var host = url.IdnHost;
        var isEndpoint = endpoint is not null && string.Equals(host, endpoint.IdnHost, StringComparison.OrdinalIgnoreCase) && url.Port == endpoint.Port;
        if (!isEndpoint && !KnownHosts.Contains(host, StringComparer.OrdinalIgnoreCase))
        {
            return $"the host '{host}' is not a Hugging Face Hub (pass the endpoint to accept a self-hosted one)";
        }

        var path = url.AbsolutePath;
        var prefix = isEndpoint ? endpoint!.AbsolutePath.TrimEnd('/') : string.Empty;
        if (prefix.Length > 0 && path.StartsWith(prefix + "/", StringComparison.Ordinal))
        {
            path = path[prefix.Length..];
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 3 || !string.Equals(segments[0], "buckets", StringComparison.Ordinal))
        {
            return "a bucket URL has the path '/buckets/namespace/name[/tree/path]'";
        }

        if (segments.Length == 3)
        {
            location = segments[1] + "/" + segments[2];
            return null;
        }

        if (segments[3] is not ("tree" or "resolve"))
        {
            return $"the '/{segments[3]}/' route does not name a location (only 'tree' and 'resolve' do)";
        }

        location = segments[1] + "/" + segments[2] + "/" + string.Join('/', segments.Skip(4).Select(Uri.UnescapeDataString));
        return null;
    }
}
