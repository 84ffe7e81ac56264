using System.Text.Json.Nodes;

namespace SpaceFactory.Sandbox.Gradio;

/// <summary>The simulated result of one call: outputs, or an app error (a <c>gr.Error</c> or a plain exception).</summary>
internal sealed record GradioOutcome(JsonArray? Outputs, string? ErrorMessage, bool IsGrError)
{
    public bool Success => Outputs is not null;

    /// <summary>The error dict of <c>utils.error_payload</c> (queue <c>output</c>, and <c>/call</c> from 6.13).</summary>
    public JsonObject ErrorPayload(GradioManifest manifest)
    {
        if (IsGrError)
        {
            var payload = new JsonObject { ["error"] = ErrorMessage, ["duration"] = 10, ["visible"] = true };
            if (manifest.Major >= 5)
            {
                payload["title"] = "Error";
            }

            return payload;
        }

        return manifest.ShowError
            ? new JsonObject { ["error"] = ErrorMessage, ["visible"] = true }
            : new JsonObject { ["error"] = null };
    }
}
