using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpaceFactory.Phases.Recipes;
using SpaceFactory.Web.Auth;
using SpaceFactory.Web.Runs;

namespace SpaceFactory.Web.Pages.Runs;

/// <summary>The launch form: three workflows, each started as a Job with the signed-in user's token.</summary>
public sealed class NewRunModel : PageModel
{
    /// <summary>The message shown when the token lacks <c>jobs</c>.</summary>
    public const string JobsScopeRefusal = "Refused: your sign-in did not grant the 'jobs' scope, which launching a run needs (each run works inside a Hugging Face Job). Sign out and sign in again, granting 'jobs'.";

    internal SignedInUser? SignedIn { get; private set; }

    public string? Refusal { get; private set; }

    [BindProperty] public string? Model { get; set; }

    [BindProperty] public string? Space { get; set; }

    [BindProperty] public string? Hardware { get; set; }

    [BindProperty] public string? Title { get; set; }

    [BindProperty] public string? ValidateSpace { get; set; }

    [BindProperty] public string? Endpoint { get; set; }

    [BindProperty] public string? Inputs { get; set; }

    [BindProperty] public string? Calls { get; set; }

    [BindProperty] public string? Recipe { get; set; }

    public void OnGet() => SignedIn = SignedInUser.From(User);

    public Task<IActionResult> OnPostModelCardAsync()
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(Model))
        {
            return Task.FromResult<IActionResult>(Refuse(StatusCodes.Status400BadRequest, "Give a model id (owner/name) or its model-card URL."));
        }

        parameters["model"] = Model.Trim();
        Add(parameters, "space", Space);
        Add(parameters, "title", Title);
        switch (Hardware)
        {
            case "cpu":
                parameters["allow_zerogpu"] = "false";
                break;
            case "gpu":
                parameters["allow_fixed_gpu"] = "true";
                break;
        }

        return LaunchAsync(FactoryRecipes.ModelCard, parameters);
    }

    public Task<IActionResult> OnPostValidateAsync()
    {
        if (string.IsNullOrWhiteSpace(ValidateSpace))
        {
            return Task.FromResult<IActionResult>(Refuse(StatusCodes.Status400BadRequest, "Give the Space to validate (namespace/name)."));
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["space"] = ValidateSpace.Trim() };
        Add(parameters, "endpoint", Endpoint);
        Add(parameters, "inputs", Inputs);
        Add(parameters, "calls", Calls);
        return LaunchAsync(FactoryRecipes.ValidateSpace, parameters);
    }

    public Task<IActionResult> OnPostSmokeAsync() => Recipe is FactoryRecipes.JobSmoke or FactoryRecipes.PrivateSpace
        ? LaunchAsync(Recipe, new Dictionary<string, string>(StringComparer.Ordinal))
        : Task.FromResult<IActionResult>(Refuse(StatusCodes.Status400BadRequest, "Choose job-smoke or private-space."));

    private async Task<IActionResult> LaunchAsync(string recipe, Dictionary<string, string> parameters)
    {
        SignedIn = SignedInUser.From(User);
        if (SignedIn is null)
        {
            return Challenge();
        }

        if (!SignedIn.CanLaunch)
        {
            return Refuse(StatusCodes.Status403Forbidden, JobsScopeRefusal);
        }

        var token = await HttpContext.GetTokenAsync("access_token").ConfigureAwait(false);
        if (string.IsNullOrEmpty(token))
        {
            return Challenge();
        }

        var entry = HttpContext.RequestServices.GetRequiredService<RunLauncher>().Launch(SignedIn, token, recipe, parameters);
        return Redirect($"/runs/{entry.RunId.Value}");
    }

    private PageResult Refuse(int status, string message)
    {
        SignedIn ??= SignedInUser.From(User);
        Refusal = message;
        Response.StatusCode = status;
        return Page();
    }

    private static void Add(Dictionary<string, string> parameters, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            parameters[name] = value.Trim();
        }
    }
}
