using System.CommandLine;
using SpaceFactory.Cli.Hosting;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;

namespace SpaceFactory.Cli.Commands;

/// <summary>
/// <c>spacefactory repo create &lt;repo-id&gt;</c>: the Hub CLI's verb with its spelling (<c>--repo-type</c>,
/// <c>--space-sdk</c>, <c>--private</c>), so that a coding agent's recipe runs unchanged against the Sandbox.
/// </summary>
internal static class RepoCommand
{
    public static Command Create()
    {
        var repoId = new Argument<string>("repo-id") { Description = "namespace/name (the namespace defaults to the token's user)." };
        var repoType = new Option<string?>("--repo-type") { Description = "model (default), dataset or space." };
        var sdk = new Option<string?>("--space-sdk") { Description = "The Space SDK: gradio, docker or static (Spaces only)." };
        var makePrivate = new Option<bool>("--private") { Description = "Create the repository private (without it, the Hub makes it public)." };
        var existOk = new Option<bool>("--exist-ok") { Description = "Do not fail when it already exists." };
        var json = CliOptions.Json();
        var create = new Command("create", "Create a repository on the Hub (HF_ENDPOINT, HF_TOKEN).") { repoId, repoType, sdk, makePrivate, existOk, json };
        create.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.GetValue(json), async () =>
        {
            using var clients = HubSession.Build(Connections.FromEnvironment());
            var hub = clients.Hub;
            var type = HubSession.RepoType(parse.GetValue(repoType));
            var id = RepoId.Parse(parse.GetRequiredValue(repoId));
            if (id.Namespace is null)
            {
                id = id.WithDefaultNamespace((await hub.WhoAmIAsync(cancellationToken).ConfigureAwait(false)).Name);
            }

            var created = await hub.CreateRepoAsync(id, type, new CreateRepoOptions
            {
                // Like the Hub CLI: public unless --private is given.
                Visibility = parse.GetValue(makePrivate) ? RepoVisibility.Private : RepoVisibility.Public,
                Sdk = type == RepoType.Space ? parse.GetValue(sdk) ?? "gradio" : null,
                ExistOk = parse.GetValue(existOk),
            }, cancellationToken).ConfigureAwait(false);
            await Console.Out.WriteLineAsync(parse.GetValue(json)
                ? System.Text.Json.JsonSerializer.Serialize(new Output.UrlJson(created.Url.ToString()), Output.CliJsonContext.Readable.UrlJson)
                : created.Url.ToString()).ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return new Command("repo", "Hub repositories (the Hub CLI's 'repo' verbs).") { create };
    }
}
