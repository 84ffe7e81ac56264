using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Phases.Recipes;
using SpaceFactory.Web.Auth;
using SpaceFactory.Web.Hosting;
using SpaceFactory.Web.Runs;

namespace SpaceFactory.Web.Pages.Runs;

/// <summary>The launch form: three workflows, each checked field by field, then started as a Job with the signed-in user's token.</summary>
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

    /// <summary>Field name → what is wrong with it, shown next to the field.</summary>
    public IReadOnlyDictionary<string, string> FieldErrors { get; private set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The offline Sandbox's seeded models (empty when the app talks to the Hub).</summary>
    internal IReadOnlyList<ModelHint> SandboxModels { get; private set; } = [];

    public async Task OnGetAsync()
    {
        SignedIn = SignedInUser.From(User);
        await LoadHintsAsync().ConfigureAwait(false);
    }

    private async Task LoadHintsAsync()
    {
        if (HttpContext.RequestServices.GetService<SandboxModelHints>() is { } hints)
        {
            SandboxModels = await hints.ModelsAsync(HttpContext.RequestAborted).ConfigureAwait(false);
        }
    }

    public Task<IActionResult> OnPostModelCardAsync() => LaunchAsync(FactoryRecipes.ModelCard, check =>
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(parameters, "model", check.Model(nameof(Model), Model));
        Add(parameters, "space", check.Space(nameof(Space), Space, required: false));
        Add(parameters, "title", check.Title(nameof(Title), Title));
        switch (Hardware)
        {
            case "cpu":
                parameters["allow_zerogpu"] = "false";
                break;
            case "gpu":
                parameters["allow_fixed_gpu"] = "true";
                break;
        }

        return parameters;
    });

    public Task<IActionResult> OnPostValidateAsync() => LaunchAsync(FactoryRecipes.ValidateSpace, check =>
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        Add(parameters, "space", check.Space(nameof(ValidateSpace), ValidateSpace, required: true));
        Add(parameters, "endpoint", check.Endpoint(nameof(Endpoint), Endpoint));
        Add(parameters, "inputs", check.Inputs(nameof(Inputs), Inputs));
        Add(parameters, "calls", check.Calls(nameof(Calls), Calls));
        return parameters;
    });

    public Task<IActionResult> OnPostSmokeAsync() => Recipe is FactoryRecipes.JobSmoke or FactoryRecipes.PrivateSpace
        ? LaunchAsync(Recipe, _ => new Dictionary<string, string>(StringComparer.Ordinal))
        : Task.FromResult<IActionResult>(Refuse(StatusCodes.Status400BadRequest, "Choose job-smoke or private-space."));

    /// <summary>
    /// Signs in, checks the scope, then checks every field (targets against the namespaces <c>whoami-v2</c> lists for
    /// this user) and starts the Job only when all are right.
    /// </summary>
    private async Task<IActionResult> LaunchAsync(string recipe, Func<RunFormCheck, Dictionary<string, string>> read)
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

        HubUser me;
        using (HfTokenScope.Begin(token))
        {
            me = await HttpContext.RequestServices.GetRequiredService<HubClient>().WhoAmIAsync(HttpContext.RequestAborted).ConfigureAwait(false);
        }

        string[] namespaces = [me.Name, .. (me.Organizations ?? []).Select(o => o.Name)];
        var check = new RunFormCheck(HttpContext.RequestServices.GetRequiredService<WebSettings>().HubEndpoint, namespaces);
        var parameters = read(check);
        if (!check.IsValid)
        {
            FieldErrors = check.Errors;
            await LoadHintsAsync().ConfigureAwait(false);
            return Refuse(StatusCodes.Status400BadRequest, "Nothing was started: correct the fields marked below.");
        }

        var entry = HttpContext.RequestServices.GetRequiredService<RunLauncher>().Launch(SignedIn, token, recipe, parameters);
        return Redirect($"/runs/{entry.RunId.Value}");
    }

    /// <summary>The message for <paramref name="field"/>, if it was refused.</summary>
    public string? ErrorFor(string field) => FieldErrors.TryGetValue(field, out var message) ? message : null;

    private PageResult Refuse(int status, string message)
    {
        SignedIn ??= SignedInUser.From(User);
        Refusal = message;
        Response.StatusCode = status;
        return Page();
    }

    private static void Add(Dictionary<string, string> parameters, string name, string? value)
    {
        if (value is not null)
        {
            parameters[name] = value;
        }
    }
}
