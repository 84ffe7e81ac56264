using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpaceFactory.Web.Auth;
using SpaceFactory.Web.Runs;

namespace SpaceFactory.Web.Pages.Runs;

/// <summary>A run, followed live: the page, and the status fragment its script fetches every second.</summary>
public sealed class RunModel : PageModel
{
    internal RunView? View { get; private set; }

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

    /// <summary>Null unless the signed-in user owns the run: another user's run id answers 404, like an unknown one.</summary>
    private async Task<RunView?> ReadAsync(string id)
    {
        var index = HttpContext.RequestServices.GetRequiredService<RunIndex>();
        if (SignedInUser.From(User) is not { } user || index.Find(id, user.Id) is not { } entry)
        {
            return null;
        }

        var token = await HttpContext.GetTokenAsync("access_token").ConfigureAwait(false);
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        return await HttpContext.RequestServices.GetRequiredService<RunReader>().ReadAsync(entry, token, HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
