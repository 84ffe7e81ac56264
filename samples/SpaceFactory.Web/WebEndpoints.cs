using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using SpaceFactory.Core.Records;
using SpaceFactory.Hf;
using SpaceFactory.Web.Auth;
using SpaceFactory.Web.Runs;

namespace SpaceFactory.Web;

/// <summary>The endpoints that are not pages: sign-in, run files, the run list as JSON, and the static assets.</summary>
internal static class WebEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/signin", (string? user) =>
        {
            var properties = new AuthenticationProperties { RedirectUri = "/" };
            if (!string.IsNullOrWhiteSpace(user))
            {
                properties.Items["login_hint"] = user;
            }

            return Results.Challenge(properties, [OpenIdConnectDefaults.AuthenticationScheme]);
        });
        app.MapGet("/runs/{id}/files/{**path}", FileAsync).RequireAuthorization();
        app.MapGet("/runs.json", (HttpContext context, RunIndex index) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            var runs = SignedInUser.From(context.User) is { } user ? index.ListFor(user.Id).Select(RunListItem.From).ToList() : [];
            return Results.Json(new RunList(runs), WebJsonContext.Default.RunList);
        }).RequireAuthorization();
        app.MapGet("/assets/site.css", () => Results.Text(Assets.Css, "text/css; charset=utf-8"));
        app.MapGet("/assets/run.js", () => Results.Text(Assets.RunScript, "text/javascript; charset=utf-8"));
        app.MapGet("/assets/runs.js", () => Results.Text(Assets.RunsScript, "text/javascript; charset=utf-8"));
    }

    /// <summary>
    /// A file of the caller's run: images and sounds under <c>artifacts/</c> with their own type (the run page shows
    /// them inline), everything else as plain text (generated files are never rendered as HTML here). A path that
    /// could leave the run's folder answers 404.
    /// </summary>
    private static async Task<IResult> FileAsync(string id, string path, HttpContext context, RunIndex index, RunReader reader)
    {
        if (SignedInUser.From(context.User) is not { } user || index.Find(id, user.Id) is not { } entry)
        {
            return Results.NotFound();
        }

        try
        {
            ArtifactPath.Validate(path, allowReserved: true);
        }
        catch (ArgumentException)
        {
            return Results.NotFound();
        }

        var token = await context.GetTokenAsync("access_token").ConfigureAwait(false);
        if (string.IsNullOrEmpty(token))
        {
            return Results.Challenge();
        }

        Stream? stream;
        using (HfTokenScope.Begin(token))
        {
            stream = await reader.Store(entry).OpenFileAsync(entry.RunId, path, context.RequestAborted).ConfigureAwait(false);
        }

        if (stream is null)
        {
            return Results.NotFound();
        }

        context.Response.Headers.ContentSecurityPolicy = "sandbox";
        return Results.Stream(stream, RunFileTypes.ContentType(path)); // disposed once sent
    }
}
