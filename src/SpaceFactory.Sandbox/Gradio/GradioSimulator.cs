using System.Text.Json.Nodes;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Gradio;

/// <summary>Computes deterministic outputs of a manifest endpoint (modes fixed, echo, echo_prefix, error; media and chat in <see cref="MediaSimulation"/>, annotated images in <see cref="AnnotatedImageSimulation"/>).</summary>
internal static class GradioSimulator
{
    public static GradioOutcome Run(GradioEndpoint endpoint, JsonArray inputs, SimulatedFiles? files = null)
    {
        var needed = endpoint.Parameters.Count;
        if (inputs.Count < needed)
        {
            // Gradio runs the job and fails it in Blocks.validate_inputs (a plain exception, not a gr.Error).
            return new GradioOutcome(null, $"An event handler ({endpoint.Name}) didn't receive enough input values (needed: {needed}, got: {inputs.Count}).", IsGrError: false);
        }

        if (MediaSimulation.TryRun(endpoint, inputs, files) is { } media)
        {
            return media;
        }

        if (AnnotatedImageSimulation.TryRun(endpoint, files) is { } annotated)
        {
            return annotated;
        }

        var simulation = endpoint.Simulation;
        switch (endpoint.Mode)
        {
            case "fixed":
                return new GradioOutcome(simulation?["outputs"] is JsonArray outputs ? (JsonArray)outputs.DeepClone() : Placeholders(endpoint), null, false);
            case "echo":
                var echoed = new JsonArray();
                for (var i = 0; i < needed; i++)
                {
                    echoed.Add(inputs[i]?.DeepClone());
                }

                return new GradioOutcome(echoed, null, false);
            case "echo_prefix":
                // The input, wrapped: a generator's continuation (suffix), or an app that decorates its echo (prefix).
                var prefix = simulation?["prefix"]?.GetValue<string>() ?? string.Empty;
                var suffix = simulation?["suffix"]?.GetValue<string>() ?? " [simulated]";
                var first = inputs.Count > 0 ? inputs[0] : null;
                var text = first is JsonValue value && value.TryGetValue<string>(out var s) ? s : first?.ToJsonString(SandboxJsonContext.Relaxed.Options) ?? "";
                return new GradioOutcome(new JsonArray(JsonValue.Create(prefix + text + suffix)), null, false);
            case "error":
                var message = simulation?["message"]?.GetValue<string>() ?? "simulated error";
                var kind = simulation?["kind"]?.GetValue<string>();
                return new GradioOutcome(null, message, IsGrError: kind is not "exception");
            default:
                return new GradioOutcome(Placeholders(endpoint), null, false);
        }
    }

    /// <summary>One value per declared return, by JSON type: a labelled string, 0, false, {} or null.</summary>
    private static JsonArray Placeholders(GradioEndpoint endpoint)
    {
        var outputs = new JsonArray();
        foreach (var output in endpoint.Returns)
        {
            var type = output?["type"]?["type"]?.GetValue<string>();
            outputs.Add(type switch
            {
                "string" => JsonValue.Create("[simulated output]"),
                "number" or "integer" => JsonValue.Create(0),
                "boolean" => JsonValue.Create(false),
                "object" => new JsonObject(),
                "array" => new JsonArray(),
                _ => null,
            });
        }

        return outputs;
    }
}
