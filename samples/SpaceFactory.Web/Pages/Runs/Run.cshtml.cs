using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpaceFactory.Web.Auth;
using SpaceFactory.Web.Runs;

namespace SpaceFactory.Web.Pages.Runs;

/// <summary>
/// A run, followed live: the page, the status fragment its script fetches every second, and the owner's Cancel and
/// Resume (POST forms with the antiforgery token; another user's run answers 404 as an unknown one).
/// </summary>
public sealed class RunModel : PageModel
{
    internal RunView? View { get; private set; }

    /// <summary>Why Cancel or Resume did nothing (the run had already ended, or was still followed).</summary>
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var view = await ReadAsync(id).ConfigureAwait(false);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        return Page();
    }

    public async Task<IActionResult> OnGetFragmentAsync(string id)
    {
        var view = await ReadAsync(id).ConfigureAwait(false);
        Response.Headers.CacheControl = "no-store";
        return view is null ? NotFound() : Partial("_RunStatus", view);
    }

    /// <summary>Cancels the run's Job; then back to the run page (post, redirect, get).</summary>
    public Task<IActionResult> OnPostCancelAsync(string id) => ActAsync(id, (launcher, entry, _) =>
        launcher.Cancel(entry) ? null : "Nothing to cancel: this run is not running any more.");

    /// <summary>Resumes an ended run in a new Job with the owner's token.</summary>
    public Task<IActionResult> OnPostResumeAsync(string id) => ActAsync(id, (launcher, entry, token) =>
        launcher.Resume(entry, token) ? null : "This run is still running: cancel it first, or wait for its end.");

    private async Task<IActionResult> ActAsync(string id, Func<RunLauncher, RunEntry, string, string?> act)
    {
        var token = await HttpContext.GetTokenAsync("access_token").ConfigureAwait(false);
        if (string.IsNullOrEmpty(token))
        {
            return Challenge();
        }

        if (await OwnedAsync(id, token).ConfigureAwait(false) is not { } entry)
        {
            return NotFound();
        }

        Notice = act(HttpContext.RequestServices.GetRequiredService<RunLauncher>(), entry, token);
        if (Notice is null)
        {
            return Redirect("/runs/" + Uri.EscapeDataString(entry.RunId.Value));
        }

        View = await HttpContext.RequestServices.GetRequiredService<RunReader>().ReadAsync(entry, token, HttpContext.RequestAborted).ConfigureAwait(false);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    /// <summary>
    /// The run when the signed-in user owns it: launched here, or found in their own Bucket with their own token (a
    /// scheduled check). Null otherwise: unknown and foreign runs look the same.
    /// </summary>
    private async Task<RunEntry?> OwnedAsync(string id, string token)
    {
        if (SignedInUser.From(User) is not { } user)
        {
            return null;
        }

        return HttpContext.RequestServices.GetRequiredService<RunIndex>().Find(id, user.Id)
            ?? await HttpContext.RequestServices.GetRequiredService<RunReader>().AdoptAsync(user, id, token, HttpContext.RequestAborted).ConfigureAwait(false);
    }

    private async Task<RunView?> ReadAsync(string id)
    {
        var token = await HttpContext.GetTokenAsync("access_token").ConfigureAwait(false);
        if (string.IsNullOrEmpty(token) || await OwnedAsync(id, token).ConfigureAwait(false) is not { } entry)
        {
            return null;
        }

        return await HttpContext.RequestServices.GetRequiredService<RunReader>().ReadAsync(entry, token, HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
