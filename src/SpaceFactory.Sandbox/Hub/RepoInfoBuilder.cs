using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SpaceFactory.Sandbox.Infrastructure;
using SpaceFactory.Sandbox.Spaces;

namespace SpaceFactory.Sandbox.Hub;

/// <summary>Builds <c>GET /api/{models|datasets|spaces}/{id}</c> answers (with <c>expand</c> and <c>blobs</c>).</summary>
internal static class RepoInfoBuilder
{
    public static JsonObject Build(SandboxServices services, Repo repo, RepoCommit commit, IQueryCollection query)
    {
        var blobs = string.Equals(query["blobs"], "true", StringComparison.OrdinalIgnoreCase);
        var info = new JsonObject
        {
            ["_id"] = repo.ObjectId,
            ["id"] = repo.Id,
        };
        if (repo.Kind == RepoKind.Model)
        {
            info["modelId"] = repo.Id;
        }

        info["author"] = repo.Namespace;
        info["sha"] = commit.Oid;
        info["lastModified"] = LogStreamWriter.FormatTimestamp(commit.Date);
        info["createdAt"] = LogStreamWriter.FormatTimestamp(repo.CreatedAt);
        info["private"] = repo.Private;
        info["gated"] = repo.Gated is null ? JsonValue.Create(false) : JsonValue.Create(repo.Gated);
        info["disabled"] = false;
        var runtime = repo.Kind == RepoKind.Space ? services.Spaces.Find(repo.Id) : null;
        if (runtime is not null)
        {
            info["host"] = runtime.App?.Origin;
            info["subdomain"] = SpaceRuntimeJson.Subdomain(repo);
        }

        info["likes"] = 0;
        if (repo.Kind != RepoKind.Space)
        {
            info["downloads"] = 0;
        }

        if (repo.Kind == RepoKind.Space)
        {
            info["sdk"] = repo.Sdk;
            info["spacefactory_sandbox"] = true; // the factory uploads the manifest's simulation only to a Hub that says this
        }

        var seed = repo.SeedInfo;
        if (seed is not null)
        {
            foreach (var (key, value) in seed)
            {
                if (!info.ContainsKey(key) && key is not "siblings" and not "sha")
                {
                    info[key] = value?.DeepClone();
                }
            }
        }

        if (!info.ContainsKey("tags"))
        {
            info["tags"] = repo.Kind == RepoKind.Space ? new JsonArray(repo.Sdk ?? "gradio", "region:us") : new JsonArray("region:us");
        }

        if (!info.ContainsKey("cardData") && commit.Tree.TryGetValue("README.md", out var readme) && readme.Size < 1 << 20)
        {
            using var reader = new StreamReader(readme.Open(), Encoding.UTF8);
            if (CardData.Parse(reader.ReadToEnd()) is { } card)
            {
                info["cardData"] = card;
            }
        }

        info["siblings"] = Siblings(commit, blobs);
        if (runtime is not null)
        {
            info["runtime"] = SpaceRuntimeJson.RuntimeJson(runtime);
            info["models"] ??= new JsonArray();
            info["datasets"] ??= new JsonArray();
        }

        info["usedStorage"] = commit.Tree.Values.Sum(f => f.Size);
        info["xetEnabled"] = false;
        return Expand(info, query);
    }

    /// <summary>Seeded weights larger than this are listed without hashes under <c>blobs=true</c>.</summary>
    private const long UnhashedVirtualFileBytes = 64L * 1024 * 1024;

    private static JsonArray Siblings(RepoCommit commit, bool blobs)
    {
        var siblings = new JsonArray();
        foreach (var file in commit.Tree.Values)
        {
            var sibling = new JsonObject { ["rfilename"] = file.Path };
            if (blobs && file.PatternSeed is not null && file.Size > UnhashedVirtualFileBytes)
            {
                // Large seeded (virtual) weights: the size only. Their hashes would mean reading gigabytes of generated
                // bytes for one listing; the resolve routes still compute them for a client that downloads.
                sibling["size"] = file.Size;
                if (file.IsLfs)
                {
                    sibling["lfs"] = new JsonObject { ["size"] = file.Size };
                }
            }
            else if (blobs)
            {
                sibling["blobId"] = file.BlobId;
                sibling["size"] = file.Size;
                if (file.IsLfs)
                {
                    sibling["lfs"] = new JsonObject { ["size"] = file.Size, ["sha256"] = file.Sha256, ["pointerSize"] = Encoding.UTF8.GetByteCount(file.LfsPointer!) };
                }
            }

            siblings.Append(sibling);
        }

        return siblings;
    }

    /// <summary>With <c>expand</c> (or <c>expand[]</c>), only <c>_id</c>, <c>id</c> and the listed properties are returned.</summary>
    public static JsonObject Expand(JsonObject info, IQueryCollection query)
    {
        var keys = query["expand"].Concat(query["expand[]"]).Where(k => !string.IsNullOrEmpty(k)).ToList();
        if (keys.Count == 0)
        {
            return info;
        }

        var expanded = new JsonObject { ["_id"] = info["_id"]?.DeepClone(), ["id"] = info["id"]?.DeepClone() };
        foreach (var key in keys)
        {
            if (key is not null && info.TryGetPropertyValue(key, out var value))
            {
                expanded[key] = value?.DeepClone();
            }
        }

        return expanded;
    }
}
