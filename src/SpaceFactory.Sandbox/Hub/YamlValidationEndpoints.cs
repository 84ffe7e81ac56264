using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SpaceFactory.Sandbox.Infrastructure;
using static SpaceFactory.Sandbox.Hub.TreeWire;

namespace SpaceFactory.Sandbox.Hub;

/// <summary>
/// <c>POST /api/validate-yaml</c>, which huggingface_hub sends before every commit that adds a README.md. It answers
/// <c>{"errors": [], "warnings": []}</c>; with errors the status is 400 (the client raises "Invalid metadata in README.md").
/// </summary>
internal sealed class YamlValidationEndpoints
{
    private static readonly string[] SpaceSdks = ["gradio", "docker", "static", "streamlit"];

    public static void Map(IEndpointRouteBuilder app) => app.MapPost("/api/validate-yaml", ValidateAsync);

    private static async Task ValidateAsync(HttpContext context)
    {
        var request = await SandboxHttp.ReadJsonAsync(context, SandboxJsonContext.Default.YamlValidationRequest).ConfigureAwait(false);
        if (request?.Content is null)
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, "\"content\" is required: the text of the README.md to validate").ConfigureAwait(false);
            return;
        }

        var repoType = request.RepoType ?? "model";
        if (!RepoKinds.TryParse(repoType, out var kind))
        {
            await SandboxHttp.ErrorAsync(context, StatusCodes.Status400BadRequest, $"Invalid repoType '{repoType}': expected model, dataset or space").ConfigureAwait(false);
            return;
        }

        var result = Validate(request.Content, kind);
        await SandboxHttp.WriteJsonAsync(context, result, SandboxJsonContext.Relaxed.YamlValidation, result.Errors.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest).ConfigureAwait(false);
    }

    /// <summary>
    /// The checks the Sandbox can make: front matter that the flat card parser reads, a metadata block that is not
    /// empty (a warning, as on the Hub) and, for a Space, an <c>sdk</c> the Hub knows.
    /// </summary>
    public static YamlValidation Validate(string readme, RepoKind kind)
    {
        var errors = new List<YamlMessage>();
        var warnings = new List<YamlMessage>();
        var startsWithFence = readme.TrimStart().StartsWith("---", StringComparison.Ordinal);
        var card = CardData.Parse(readme);
        if (startsWithFence && card is null)
        {
            errors.Add(new YamlMessage("The YAML metadata block is not closed: it must end with a line of three dashes (---)"));
        }
        else if (card is null || card.Count == 0)
        {
            warnings.Add(new YamlMessage("Empty or missing yaml metadata in repo card"));
        }

        if (kind == RepoKind.Space && card is not null)
        {
            var sdk = card["sdk"]?.ToString();
            if (sdk is null || !SpaceSdks.Contains(sdk))
            {
                errors.Add(new YamlMessage($"\"sdk\" must be one of [{string.Join(", ", SpaceSdks)}] (got '{sdk}')"));
            }
        }

        return new YamlValidation(errors, warnings);
    }
}
