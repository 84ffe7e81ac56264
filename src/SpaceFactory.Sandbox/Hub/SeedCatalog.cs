using System.Reflection;
using System.Text.Json.Nodes;

namespace SpaceFactory.Sandbox.Hub;

/// <summary>
/// Loads the seeded model repos from the embedded <c>SeedData/models/{ns}/{name}/</c> resources: <c>info.json</c> (the
/// model-info fields, plus <c>sandbox.virtual_files</c>: weights served as deterministic bytes of the given sizes) and
/// the real small files under <c>files/</c>.
/// </summary>
internal static class SeedCatalog
{
    private const string Prefix = "SeedData/models/";

    public static async Task LoadAsync(SandboxServices services, CancellationToken cancellationToken)
    {
        var assembly = typeof(SeedCatalog).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).ToList();
        foreach (var infoName in names.Where(n => n.EndsWith("/info.json", StringComparison.Ordinal)))
        {
            var folder = infoName[..^"info.json".Length];
            var id = folder[Prefix.Length..].TrimEnd('/');
            var slash = id.IndexOf('/', StringComparison.Ordinal);
            var info = JsonNode.Parse(Read(assembly, infoName))!.AsObject();
            var sandbox = info["sandbox"] as JsonObject;
            info.Remove("sandbox");
            var repo = services.Repos.TryCreate(RepoKind.Model, id[..slash], id[(slash + 1)..], r =>
            {
                r.Private = info["private"]?.GetValue<bool>() ?? false;
                r.Gated = info["gated"] is JsonValue gated && gated.TryGetValue<string>(out var mode) ? mode : null;
                r.SeedInfo = info;
            }, seeded: true);
            if (repo is null)
            {
                continue;
            }

            var files = new List<RepoFile>();
            foreach (var fileName in names.Where(n => n.StartsWith(folder + "files/", StringComparison.Ordinal)))
            {
                var path = fileName[(folder.Length + "files/".Length)..];
                files.Add(await services.Repos.Blobs.StoreRegularAsync(path, Read(assembly, fileName), LfsRules.MatchesPattern(path), cancellationToken).ConfigureAwait(false));
            }

            var seed = 1;
            foreach (var (path, size) in sandbox?["virtual_files"] as JsonObject ?? [])
            {
                files.Add(new RepoFile(path, size!.GetValue<long>(), isLfs: true, blobPath: null, sha256: null, gitOid: null, patternSeed: seed++));
            }

            await services.Repos.InitializeAsync(repo, files, cancellationToken).ConfigureAwait(false);
        }
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
