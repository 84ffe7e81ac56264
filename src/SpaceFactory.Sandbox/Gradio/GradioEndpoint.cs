using System.Text.Json.Nodes;

namespace SpaceFactory.Sandbox.Gradio;

/// <summary>One named endpoint of a manifest: its /info entry and its simulation.</summary>
internal sealed record GradioEndpoint(string ApiName, int FnIndex, JsonArray Parameters, JsonArray Returns, string Mode, JsonObject? Simulation)
{
    /// <summary>The api_name without its leading slash (as in <c>config.dependencies</c>).</summary>
    public string Name => ApiName[1..];

    /// <summary>Whether the simulated function is a generator (its simulation lists <c>stream</c> chunks).</summary>
    public bool IsGenerator => Simulation?["stream"] is JsonArray;
}
