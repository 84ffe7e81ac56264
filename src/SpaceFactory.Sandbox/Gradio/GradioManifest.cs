using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SpaceFactory.Sandbox.Gradio;

/// <summary>
/// <c>spacefactory_manifest.json</c>: what the simulated Gradio runtime serves for a Space (see docs/sandbox.md).
/// </summary>
internal sealed class GradioManifest
{
    /// <summary>The file name at the repo root.</summary>
    public const string FileName = "spacefactory_manifest.json";

    private GradioManifest(JsonObject info, JsonObject simulation, string gradioVersion, string title, bool showError, IReadOnlyList<GradioEndpoint> endpoints)
    {
        Info = info;
        Simulation = simulation;
        GradioVersion = gradioVersion;
        Title = title;
        ShowError = showError;
        Endpoints = endpoints;
    }

    /// <summary>Gradio's <c>/info</c> document, served as given.</summary>
    public JsonObject Info { get; }

    public JsonObject Simulation { get; }

    public string GradioVersion { get; }

    public string Title { get; }

    public bool ShowError { get; }

    /// <summary>Named endpoints in manifest order; the index is the dependency id (<c>fn_index</c>).</summary>
    public IReadOnlyList<GradioEndpoint> Endpoints { get; }

    /// <summary>Major version (4, 5, 6, ...).</summary>
    public int Major => ParseVersion(GradioVersion).Major;

    /// <summary>True from Gradio 5 on: routes under <c>/gradio_api</c>.</summary>
    public string ApiPrefix => Major >= 5 ? "/gradio_api" : "";

    /// <summary>True from 6.13: <c>/call</c> error events carry the error dict instead of <c>null</c>.</summary>
    public bool CallErrorsCarryPayload => ParseVersion(GradioVersion) >= new Version(6, 13);

    public GradioEndpoint? Find(string apiName)
    {
        var name = apiName.StartsWith('/') ? apiName : "/" + apiName;
        return Endpoints.FirstOrDefault(e => string.Equals(e.ApiName, name, StringComparison.Ordinal));
    }

    /// <summary>Parses and validates a manifest; returns null and the reason when it is unusable.</summary>
    public static GradioManifest? TryParse(ReadOnlySpan<byte> json, out string error)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            error = FileName + " is not valid JSON: " + e.Message;
            return null;
        }

        if (root is not JsonObject manifest)
        {
            error = FileName + " must be a JSON object";
            return null;
        }

        if (manifest["schema_version"] is not JsonValue version || !version.TryGetValue<int>(out var schema) || schema != 1)
        {
            error = FileName + ": schema_version must be 1";
            return null;
        }

        if (manifest["info"] is not JsonObject info || info["named_endpoints"] is not JsonObject named)
        {
            error = FileName + ": info.named_endpoints (Gradio's /info format) is required";
            return null;
        }

        info["unnamed_endpoints"] ??= new JsonObject();
        var simulation = manifest["simulation"] as JsonObject ?? [];
        var endpoints = new List<GradioEndpoint>();
        foreach (var (name, value) in named)
        {
            if (!name.StartsWith('/') || value is not JsonObject endpoint)
            {
                error = FileName + ": endpoint '" + name + "' must start with '/' and be an object";
                return null;
            }

            var parameters = endpoint["parameters"] as JsonArray ?? [];
            var returns = endpoint["returns"] as JsonArray ?? [];
            var mode = simulation[name] as JsonObject;
            var modeName = mode?["mode"]?.GetValue<string>() ?? "placeholder";
            if (modeName is not ("fixed" or "echo" or "echo_prefix" or "error" or "placeholder") && !MediaSimulation.Modes.Contains(modeName, StringComparer.Ordinal)
                && modeName is not AnnotatedImageSimulation.Mode)
            {
                error = FileName + ": simulation mode '" + modeName + "' of " + name + " is not one of fixed, echo, echo_prefix, error, " + string.Join(", ", MediaSimulation.Modes) + ", " + AnnotatedImageSimulation.Mode;
                return null;
            }

            endpoints.Add(new GradioEndpoint(name, endpoints.Count, parameters, returns, modeName, mode));
        }

        var gradioVersion = manifest["gradio_version"]?.GetValue<string>() ?? "5.49.1";
        if (!Version.TryParse(gradioVersion, out _))
        {
            error = FileName + ": gradio_version '" + gradioVersion + "' is not a version";
            return null;
        }

        error = "";
        return new GradioManifest(
            info,
            simulation,
            gradioVersion,
            manifest["title"]?.GetValue<string>() ?? "Gradio",
            manifest["show_error"] is JsonValue showError && showError.TryGetValue<bool>(out var flag) && flag,
            endpoints);
    }

    private static Version ParseVersion(string value)
        => Version.TryParse(value.Split('-', '+')[0], out var parsed) ? parsed : new Version(5, 0);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Title} (Gradio {GradioVersion}, {Endpoints.Count} endpoints)");
}
