using System.Text.Json;
using System.Text.Json.Nodes;
using SpaceFactory.Sandbox.Hub;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Spaces;

/// <summary>What the Hub says about a Space's runtime: the <c>runtime</c> answer, its domain and subdomain.</summary>
internal static class SpaceRuntimeJson
{
    /// <summary>The runtime answer of <paramref name="runtime"/> now.</summary>
    public static SpaceRuntimeAnswer Answer(SpaceRuntime runtime)
    {
        if (runtime.IsStatic)
        {
            return new SpaceRuntimeAnswer(runtime.Stage, new(null, null), null, null, new(1, 1), null, null, null, null);
        }

        return new SpaceRuntimeAnswer(
            runtime.Stage,
            new(runtime.CurrentHardware, runtime.RequestedHardware),
            null,
            runtime.GcTimeout,
            new(1, runtime.Stage is "RUNNING" ? 1 : null),
            false,
            [new(Domain(runtime), "READY")],
            runtime.Sha,
            runtime.ErrorMessage);
    }

    /// <summary>The runtime answer as a node, for answers that embed it (the Space info).</summary>
    public static JsonObject RuntimeJson(SpaceRuntime runtime)
        => JsonSerializer.SerializeToNode(Answer(runtime), SandboxJsonContext.Relaxed.SpaceRuntimeAnswer)!.AsObject();

    /// <summary>The app origin's host and port (what the Hub calls the domain).</summary>
    public static string Domain(SpaceRuntime runtime) => runtime.App is { } app ? new Uri(app.Origin).Authority : "";

    /// <summary>The Hub-style subdomain: lower-case <c>owner-name</c> with <c>_</c> and <c>.</c> replaced by <c>-</c>.</summary>
    public static string Subdomain(Repo repo) => (repo.Namespace + "-" + repo.Name).ToLowerInvariant().Replace('_', '-').Replace('.', '-');
}
