using System.CommandLine;
using SpaceFactory.Cli.Hosting;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;

namespace SpaceFactory.Cli.Commands;

/// <summary>
/// <c>spacefactory upload &lt;repo-id&gt; [local-path] [path-in-repo]</c>: a file or a folder in one commit, with the Hub
/// CLI's spelling, so that a coding agent's recipe runs unchanged against the Sandbox.
/// </summary>
internal static class UploadCommand
{
    public static Command Create()
    {
        var repoId = new Argument<string>("repo-id") { Description = "namespace/name." };
        var localPath = new Argument<string>("local-path") { Description = "A file or folder (default: the current folder).", DefaultValueFactory = _ => "." };
        var pathInRepo = new Argument<string?>("path-in-repo") { Description = "Where it goes in the repository (default: the file's name, or the root for a folder).", DefaultValueFactory = _ => null };
        var repoType = new Option<string?>("--repo-type") { Description = "model (default), dataset or space." };
        var message = new Option<string?>("--commit-message") { Description = "The commit title." };
        var json = CliOptions.Json();
        var command = new Command("upload", "Upload a file or a folder to a Hub repository in one commit (HF_ENDPOINT, HF_TOKEN).") { repoId, localPath, pathInRepo, repoType, message, json };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.GetValue(json), async () =>
        {
            var local = Path.GetFullPath(parse.GetRequiredValue(localPath));
            var files = Files(local, parse.GetValue(pathInRepo));
            if (files.Count == 0)
            {
                throw new CliInputException($"'{local}' holds no files to upload.");
            }

            using var clients = HubSession.Build(Connections.FromEnvironment());
            var hub = clients.Hub;
            var commit = await hub.CreateCommitAsync(
                RepoId.Parse(parse.GetRequiredValue(repoId)),
                HubSession.RepoType(parse.GetValue(repoType)),
                parse.GetValue(message) ?? $"Upload {files.Count} file{(files.Count == 1 ? string.Empty : "s")} with spacefactory",
                files.Select(f => (CommitOperation)CommitOperation.AddFile(f.PathInRepo, () => File.OpenRead(f.LocalPath), new FileInfo(f.LocalPath).Length)),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync(parse.GetValue(json)
                ? System.Text.Json.JsonSerializer.Serialize(new Output.UrlJson(commit.CommitUrl.ToString()), Output.CliJsonContext.Readable.UrlJson)
                : commit.CommitUrl.ToString()).ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static List<(string LocalPath, string PathInRepo)> Files(string local, string? pathInRepo)
    {
        if (File.Exists(local))
        {
            return [(local, string.IsNullOrEmpty(pathInRepo) || pathInRepo == "." ? Path.GetFileName(local) : pathInRepo)];
        }

        if (!Directory.Exists(local))
        {
            throw new CliInputException($"'{local}' is neither a file nor a folder.");
        }

        var prefix = string.IsNullOrEmpty(pathInRepo) || pathInRepo is "." or "/" ? string.Empty : pathInRepo.Trim('/') + "/";
        return [.. Directory.EnumerateFiles(local, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(local, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(relative => !relative.Split('/').Any(part => part.StartsWith('.'))) // like the Hub CLI: no .git, .cache, …
            .Order(StringComparer.Ordinal)
            .Select(relative => (Path.Combine(local, relative), prefix + relative))];
    }
}
