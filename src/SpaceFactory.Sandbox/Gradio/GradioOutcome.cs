using System.Text.Json.Nodes;

namespace SpaceFactory.Sandbox.Gradio;

/// <summary>The simulated result of one call: outputs, or an app error (a <c>gr.Error</c> or a plain exception).</summary>
internal sealed record GradioOutcome(JsonArray? Outputs, string? ErrorMessage, bool IsGrError)
{
    public bool Success => Outputs is not null;

    /// <summary>A generator's yields in order (the last equals <see cref="Outputs"/>); null for a plain function.</summary>
    public IReadOnlyList<JsonArray>? Steps { get; init; }

    /// <summary>The error dict of <c>utils.error_payload</c> (queue <c>output</c>, and <c>/call</c> from 6.13).</summary>
    public JsonObject ErrorPayload(GradioManifest manifest)
    {
        if (IsGrError)
        {
            // Gradio 4 sends str(gr.Error), which is the repr of its message: quotes included.
            var text = manifest.Major >= 5 ? ErrorMessage : PythonJson.Repr(ErrorMessage ?? string.Empty);
            var payload = new JsonObject { ["error"] = text, ["duration"] = 10, ["visible"] = true };
            if (manifest.Major >= 5)
            {
                payload["title"] = "Error";
            }

            return payload;
        }

        if (!manifest.ShowError)
        {
            return new JsonObject { ["error"] = null };
        }

        // Gradio 4 sends str(exception) alone; 5 and later add visible.
        return manifest.Major >= 5 ? new JsonObject { ["error"] = ErrorMessage, ["visible"] = true } : new JsonObject { ["error"] = ErrorMessage };
    }
}
