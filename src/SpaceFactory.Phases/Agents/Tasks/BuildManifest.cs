using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpaceFactory.Hf;
using SpaceFactory.Phases.Generation;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Agents.Tasks;

/// <summary>
/// The <c>spacefactory_manifest.json</c> an agent-built app declares: Gradio's <c>/info</c> schema of its endpoints
/// (<c>info.named_endpoints</c>, with <c>/health</c>) and a <c>validation</c> section naming the generation endpoint,
/// its example inputs and the output check. The wrapper reads it strictly, then writes the manifest the Space gets:
/// the agent's schema, the factory's header, and a <c>simulation</c> of its own (only the Sandbox receives it).
/// </summary>
internal sealed class BuildManifest
{
    /// <summary>The output checks a built app may declare (text-valued outputs: no media probe inputs in build mode).</summary>
    public static readonly IReadOnlyList<string> Checks = ["entity_list", "label_with_scores", "non_empty_text", "embedding_vector"];

    private const int MaxInputChars = 2000;
    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    private BuildManifest(JsonObject info, string apiName, IReadOnlyList<JsonElement> inputs, string check, string? task, int returns)
    {
        Info = info;
        ApiName = apiName;
        Inputs = inputs;
        Check = check;
        Task = task;
        Returns = returns;
    }

    /// <summary>The validated endpoint, e.g. <c>/predict</c>.</summary>
    public string ApiName { get; }

    /// <summary>The example inputs validation sends.</summary>
    public IReadOnlyList<JsonElement> Inputs { get; }

    /// <summary>The output check's kind, one of <see cref="Checks"/>.</summary>
    public string Check { get; }

    /// <summary>The task the agent named (free text, for the record).</summary>
    public string? Task { get; }

    private JsonObject Info { get; }

    private int Returns { get; }

    /// <summary>The probe validation runs, as a template's would.</summary>
    public ProbeRecord Probe => new(ApiName, Inputs, new OutputCheckSpec(Check), "/health");

    /// <summary>Reads the agent's manifest; null and the reason in words when it does not declare what validation needs.</summary>
    public static BuildManifest? Read(string text, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 32 }) as JsonObject;
        }
        catch (JsonException)
        {
            root = null;
        }

        if (root is null)
        {
            error = "is not a JSON object";
            return null;
        }

        if (root["info"] is not JsonObject info || info["named_endpoints"] is not JsonObject named)
        {
            error = "has no info.named_endpoints (the app's endpoints in Gradio's /info format)";
            return null;
        }

        if (named["/health"] is not JsonObject)
        {
            error = "does not declare the endpoint /health";
            return null;
        }

        if (root["validation"] is not JsonObject validation || validation["api_name"] is not JsonValue apiValue || !apiValue.TryGetValue<string>(out var apiName))
        {
            error = "has no validation.api_name (the named generation endpoint validation calls)";
            return null;
        }

        if (!apiName.StartsWith('/') || apiName is "/health" || named[apiName] is not JsonObject endpoint)
        {
            error = $"names the endpoint '{Shorten(apiName)}' for validation, which must be a named endpoint of info.named_endpoints other than /health";
            return null;
        }

        if (validation["check"] is not JsonValue checkValue || !checkValue.TryGetValue<string>(out var check) || !Checks.Contains(check, StringComparer.Ordinal))
        {
            error = $"has no validation.check among {string.Join(", ", Checks)}";
            return null;
        }

        var parameters = (endpoint["parameters"] as JsonArray)?.Count ?? 0;
        if (validation["inputs"] is not JsonArray inputs || inputs.Count != parameters)
        {
            error = $"must give validation.inputs as a list of {parameters} example value(s), one per parameter of {apiName}";
            return null;
        }

        if (inputs.Any(i => i is not JsonValue value || value.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
            || (value.TryGetValue<string>(out var s) && s.Length > MaxInputChars)))
        {
            error = $"may give only text (at most {MaxInputChars} characters), numbers or booleans as validation.inputs";
            return null;
        }

        using var inputDocument = JsonDocument.Parse(inputs.ToJsonString());
        var task = root["task"] is JsonValue taskValue && taskValue.TryGetValue<string>(out var t) ? Shorten(t) : null;
        error = string.Empty;
        return new BuildManifest((JsonObject)info.DeepClone(), apiName, [.. inputDocument.RootElement.EnumerateArray().Select(e => e.Clone())], check, task,
            Math.Max(1, (endpoint["returns"] as JsonArray)?.Count ?? 1));
    }

    /// <summary>
    /// The manifest the Space gets: the factory's header, the agent's schema and validation, and the factory's own
    /// labelled simulation (whatever the agent wrote there is dropped; <see cref="SandboxOnlyData"/> removes it for a real Hub).
    /// </summary>
    public string ToSpaceManifest(RepoId model, string title, string gradioVersion)
    {
        var manifest = new JsonObject
        {
            ["schema_version"] = 1,
            ["generator"] = "SpaceFactory/" + SdkVersion.Value + " (built by the coding agent)",
            ["gradio_version"] = gradioVersion,
            ["title"] = title,
            ["show_error"] = true,
            ["model"] = model.ToString(),
            ["task"] = Task ?? "agent-build",
            ["validation"] = new JsonObject
            {
                ["api_name"] = ApiName,
                ["inputs"] = JsonNode.Parse("[" + string.Join(",", Inputs.Select(i => i.GetRawText())) + "]"),
                ["check"] = Check,
            },
            ["info"] = Info.DeepClone(),
            [SandboxOnlyData.SimulationSection] = new JsonObject
            {
                [ApiName] = new JsonObject { ["mode"] = "fixed", ["outputs"] = SimulatedOutputs() },
                ["/health"] = new JsonObject
                {
                    ["mode"] = "fixed",
                    ["outputs"] = new JsonArray(new JsonObject { ["status"] = "ok", ["model"] = model.ToString(), ["simulated"] = true }),
                },
            },
        };
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            manifest.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    // Clearly labelled stand-ins of the declared output's shape, so the Sandbox checks the API contract, not inference.
    private JsonArray SimulatedOutputs()
    {
        JsonNode first = Check switch
        {
            "entity_list" => new JsonArray(new JsonObject { ["entity_group"] = "SIMULATED", ["score"] = 0.99, ["word"] = "[simulated entity]", ["start"] = 0, ["end"] = 0 }),
            "label_with_scores" => new JsonObject { ["label"] = "SIMULATED", ["confidences"] = new JsonArray(new JsonObject { ["label"] = "SIMULATED", ["confidence"] = 0.99 }) },
            "embedding_vector" => new JsonObject { ["dimensions"] = 4, ["embedding"] = new JsonArray(0.5, -0.5, 0.25, -0.25), ["simulated"] = true },
            _ => JsonValue.Create("[simulated output]"),
        };
        var outputs = new JsonArray(first);
        for (var i = 1; i < Returns; i++)
        {
            outputs.Add(null);
        }

        return outputs;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
