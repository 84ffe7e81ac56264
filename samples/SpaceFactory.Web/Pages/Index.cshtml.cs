using Microsoft.AspNetCore.Mvc.RazorPages;
using SpaceFactory.Web.Auth;
using SpaceFactory.Web.Runs;

namespace SpaceFactory.Web.Pages;

/// <summary>Home: sign in, or the signed-in user's runs.</summary>
public sealed class IndexModel : PageModel
{
    internal SignedInUser? SignedIn { get; private set; }

    internal IReadOnlyList<RunEntry> Runs { get; private set; } = [];

    public void OnGet()
    {
        SignedIn = SignedInUser.From(User);
        Runs = SignedIn is null ? [] : HttpContext.RequestServices.GetRequiredService<RunIndex>().ListFor(SignedIn.Id);
    }
}
