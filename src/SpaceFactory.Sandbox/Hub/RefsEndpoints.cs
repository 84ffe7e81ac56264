using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Hub;

/// <summary>
/// <c>GET /api/{type}s/{ns}/{name}/refs</c> (Python's <c>list_repo_refs</c>): the one branch the Sandbox has,
/// <c>main</c> at the head commit; no tags or converts; <c>pullRequests</c> (empty) only with <c>include_prs=1</c>.
/// </summary>
internal sealed class RefsEndpoints(SandboxServices services)
{
    public void Map(IEndpointRouteBuilder app)
    {
        foreach (var kind in RepoKinds.All)
        {
            app.MapGroup("/api/" + kind.ApiSegment() + "/{ns}/{name}").MapGet("/refs", context => RefsAsync(context, kind));
        }
    }

    private async Task RefsAsync(HttpContext context, RepoKind kind)
    {
        var repo = await RepoAccess.ReadableAsync(context, services, kind, SandboxHttp.Route(context, "ns") + "/" + SandboxHttp.Route(context, "name")).ConfigureAwait(false);
        if (repo is null)
        {
            return;
        }

        var withPullRequests = context.Request.Query["include_prs"] is var prs && (prs == "1" || string.Equals(prs, "true", StringComparison.OrdinalIgnoreCase));
        var answer = new RefsAnswer([new RefsAnswer.Entry("main", "refs/heads/main", repo.Head.Oid)], [], [], withPullRequests ? [] : null);
        await SandboxHttp.WriteJsonAsync(context, answer, SandboxJsonContext.Default.RefsAnswer).ConfigureAwait(false);
    }
}
