using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using SpaceFactory.Sandbox.Infrastructure;
using SpaceFactory.Sandbox.Spaces;

namespace SpaceFactory.Sandbox.Hub;

/// <summary>Builds <see cref="RepoInfoAnswer"/>s: the repo info (with <c>expand</c> and <c>blobs</c>) and listing entries.</summary>
internal static class RepoInfoBuilder
{
    /// <summary>Seeded weights larger than this are listed without hashes under <c>blobs=true</c>.</summary>
    private const long UnhashedVirtualFileBytes = 64L * 1024 * 1024;

    /// <summary>The wire names of the typed fields: any other key of a seed's <c>info.json</c> is passed through as is.</summary>
    private static readonly HashSet<string> TypedFields = [.. SandboxJsonContext.Default.RepoInfoAnswer.Properties.Where(p => !p.IsExtensionData).Select(p => p.Name), "siblings", "sha"];

    /// <summary>Writes the info answer of <paramref name="repo"/> at <paramref name="commit"/> for the request's query.</summary>
    public static Task WriteAsync(HttpContext context, SandboxServices services, Repo repo, RepoCommit commit)
    {
        var query = context.Request.Query;
        var blobs = string.Equals(query["blobs"], "true", StringComparison.OrdinalIgnoreCase);
        return SandboxHttp.WriteJsonAsync(context, Build(services, repo, commit, blobs, ExpandedFields(query)), SandboxJsonContext.Relaxed.RepoInfoAnswer);
    }

    /// <summary>The fields named by <c>expand</c> (or <c>expand[]</c>); null when the query names none (all fields).</summary>
    public static IReadOnlySet<string>? ExpandedFields(IQueryCollection query)
    {
        var keys = query["expand"].Concat(query["expand[]"]).OfType<string>().Where(k => k.Length > 0).ToHashSet(StringComparer.Ordinal);
        return keys.Count == 0 ? null : keys;
    }

    /// <summary>
    /// The answer with every field, or with <c>_id</c>, <c>id</c> and the <paramref name="fields"/> only (what the Hub
    /// answers to <c>expand</c>). A field not asked for is not computed (the README is not parsed without <c>cardData</c>).
    /// </summary>
    public static RepoInfoAnswer Build(SandboxServices services, Repo repo, RepoCommit commit, bool blobs, IReadOnlySet<string>? fields)
    {
        bool Want(string field) => fields is null || fields.Contains(field);
        var seed = repo.SeedInfo;
        var space = repo.Kind == RepoKind.Space;
        var runtime = space ? services.Spaces.Find(repo.Id) : null;
        return new RepoInfoAnswer
        {
            ObjectId = repo.ObjectId,
            Id = repo.Id,
            ModelId = Want("modelId") && repo.Kind == RepoKind.Model ? repo.Id : null,
            Author = Want("author") ? repo.Namespace : null,
            Sha = Want("sha") ? commit.Oid : null,
            LastModified = Want("lastModified") ? LogStreamWriter.FormatTimestamp(commit.Date) : null,
            CreatedAt = Want("createdAt") ? LogStreamWriter.FormatTimestamp(repo.CreatedAt) : null,
            Private = Want("private") ? repo.Private : null,
            Gated = Want("gated") ? repo.Gated is null ? JsonValue.Create(false) : JsonValue.Create(repo.Gated) : null,
            Disabled = Want("disabled") ? false : null,
            Host = Want("host") ? runtime?.App?.Origin : null,
            Subdomain = Want("subdomain") && runtime is not null ? SpaceRuntimeJson.Subdomain(repo) : null,
            Likes = Want("likes") ? Seed(seed, "likes", SandboxJsonContext.Default.Int64) : null,
            Downloads = Want("downloads") && !space ? Seed(seed, "downloads", SandboxJsonContext.Default.Int64) : null,
            TrendingScore = fields is not null && fields.Contains("trendingScore") ? 0 : null,
            Sdk = Want("sdk") && space ? repo.Sdk : null,
            SpaceFactorySandbox = Want("spacefactory_sandbox") && space ? true : null,
            PipelineTag = Want("pipeline_tag") ? Seed(seed, "pipeline_tag", SandboxJsonContext.Default.String) : null,
            LibraryName = Want("library_name") ? Seed(seed, "library_name", SandboxJsonContext.Default.String) : null,
            Tags = Want("tags") ? Seed(seed, "tags", SandboxJsonContext.Default.ListString) ?? DefaultTags(repo) : null,
            CardData = Want("cardData") ? seed?["cardData"]?.DeepClone().AsObject() ?? ReadmeCard(commit) : null,
            Config = Want("config") ? seed?["config"]?.DeepClone() as JsonObject : null,
            Spaces = Want("spaces") ? Seed(seed, "spaces", SandboxJsonContext.Default.ListString) : null,
            Safetensors = Want("safetensors") ? Seed(seed, "safetensors", SandboxJsonContext.Default.SafetensorsPart) : null,
            TransformersInfo = Want("transformersInfo") ? seed?["transformersInfo"]?.DeepClone() as JsonObject : null,
            Siblings = Want("siblings") ? Siblings(commit, blobs) : null,
            Runtime = Want("runtime") && runtime is not null ? SpaceRuntimeJson.Answer(runtime) : null,
            Models = Want("models") && runtime is not null ? Seed(seed, "models", SandboxJsonContext.Default.ListString) ?? [] : null,
            Datasets = Want("datasets") && runtime is not null ? Seed(seed, "datasets", SandboxJsonContext.Default.ListString) ?? [] : null,
            UsedStorage = Want("usedStorage") ? commit.Tree.Values.Sum(f => f.Size) : null,
            XetEnabled = Want("xetEnabled") ? false : null,
            SeedFields = SeedFields(seed, Want),
        };
    }

    /// <summary>A seeded value, or the type's default (0 likes and downloads for a repo the Sandbox made).</summary>
    private static T? Seed<T>(JsonObject? seed, string key, JsonTypeInfo<T> type)
        => seed?[key] is { } node ? node.Deserialize(type) : default;

    private static List<string> DefaultTags(Repo repo) => repo.Kind == RepoKind.Space ? [repo.Sdk ?? "gradio", "region:us"] : ["region:us"];

    private static JsonObject? ReadmeCard(RepoCommit commit)
    {
        if (!commit.Tree.TryGetValue("README.md", out var readme) || readme.Size >= 1 << 20)
        {
            return null;
        }

        using var reader = new StreamReader(readme.Open(), Encoding.UTF8);
        return CardData.Parse(reader.ReadToEnd());
    }

    private static Dictionary<string, JsonElement>? SeedFields(JsonObject? seed, Func<string, bool> want)
    {
        var extra = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (key, value) in seed ?? [])
        {
            if (!TypedFields.Contains(key) && want(key))
            {
                extra[key] = JsonSerializer.SerializeToElement(value, SandboxJsonContext.Default.JsonNode);
            }
        }

        return extra.Count == 0 ? null : extra;
    }

    private static List<RepoInfoAnswer.SiblingPart> Siblings(RepoCommit commit, bool blobs)
    {
        var siblings = new List<RepoInfoAnswer.SiblingPart>(commit.Tree.Count);
        foreach (var file in commit.Tree.Values)
        {
            if (!blobs)
            {
                siblings.Add(new RepoInfoAnswer.SiblingPart(file.Path));
            }
            else if (file.PatternSeed is not null && file.Size > UnhashedVirtualFileBytes)
            {
                // Large seeded (virtual) weights: the size only. Their hashes would mean reading gigabytes of generated
                // bytes for one listing; the resolve routes still compute them for a client that downloads.
                siblings.Add(new RepoInfoAnswer.SiblingPart(file.Path, Size: file.Size, Lfs: file.IsLfs ? new RepoInfoAnswer.LfsPart(file.Size) : null));
            }
            else
            {
                var lfs = file.IsLfs ? new RepoInfoAnswer.LfsPart(file.Size, file.Sha256, Encoding.UTF8.GetByteCount(file.LfsPointer!)) : null;
                siblings.Add(new RepoInfoAnswer.SiblingPart(file.Path, file.BlobId, file.Size, lfs));
            }
        }

        return siblings;
    }
}
