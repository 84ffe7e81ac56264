using System.Text.Json;

namespace SpaceFactory.Phases.Validation;

/// <summary>
/// How to judge a generated Space: which endpoint to call, with which inputs, and what its outputs must look like.
/// </summary>
/// <param name="ApiName">The endpoint to call, with its leading slash, e.g. <c>/generate</c>.</param>
/// <param name="Inputs">The positional inputs (the <c>data</c> array).</param>
/// <param name="Check">The check the first output must pass.</param>
/// <param name="HealthApiName">An endpoint answering <c>{"status": "ok"}</c> once the model is loaded, if the app has one.</param>
public sealed record ValidationProbe(string ApiName, IReadOnlyList<JsonElement> Inputs, OutputCheck Check, string? HealthApiName = "/health")
{
    /// <summary>Media inputs made and uploaded before the call (an image classifier's picture, a recogniser's tone).</summary>
    public IReadOnlyList<ProbeUpload> Uploads { get; init; } = [];
}
