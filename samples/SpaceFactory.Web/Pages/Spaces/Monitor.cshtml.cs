using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Buckets;
using SpaceFactory.Phases.Execution;
using SpaceFactory.Phases.Monitoring;
using SpaceFactory.Web.Auth;
using SpaceFactory.Web.Monitoring;

namespace SpaceFactory.Web.Pages.Spaces;

/// <summary>
/// A Space's monitor history (the checks <c>validate-space</c> appended, by hand or from a scheduled Job), read from
/// the signed-in user's own Bucket with their token: a latency chart and the checks, each failure linked to its run.
/// </summary>
public sealed class MonitorModel : PageModel
{
    /// <summary>How many of the latest checks are shown.</summary>
    public const int ShownChecks = 100;

    public string Space { get; private set; } = "";

    internal MonitorChart? Chart { get; private set; }

    public async Task<IActionResult> OnGetAsync(string owner, string name)
    {
        if (!RepoId.TryParse(owner + "/" + name, out var space, out _) || space.Namespace is null)
        {
            return NotFound();
        }

        var token = await HttpContext.GetTokenAsync("access_token").ConfigureAwait(false);
        if (SignedInUser.From(User) is not { } user || string.IsNullOrEmpty(token))
        {
            return Challenge();
        }

        var services = HttpContext.RequestServices;
        var history = MonitorHistory.InBucket(services.GetRequiredService<BucketClient>(), services.GetRequiredService<HfJobExecutor>().ForUser(user.Name).Bucket);
        using (HfTokenScope.Begin(token))
        {
            Chart = new MonitorChart(await history.ReadLastAsync(space, ShownChecks, HttpContext.RequestAborted).ConfigureAwait(false));
        }

        Space = space.ToString();
        return Page();
    }
}
