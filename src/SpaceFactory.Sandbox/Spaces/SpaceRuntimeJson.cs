using System.Text.Json.Nodes;
using SpaceFactory.Sandbox.Hub;

namespace SpaceFactory.Sandbox.Spaces;

/// <summary>What the Hub says about a Space's runtime: the <c>runtime</c> answer, its domain and subdomain.</summary>
internal static class SpaceRuntimeJson
{
    /// <summary>The runtime JSON, in the field order of the recorded Hub answers.</summary>
    public static JsonObject RuntimeJson(SpaceRuntime runtime)
    {
        if (runtime.IsStatic)
        {
            return new JsonObject
            {
                ["stage"] = runtime.Stage,
                ["hardware"] = new JsonObject { ["current"] = null, ["requested"] = null },
                ["storage"] = null,
                ["replicas"] = new JsonObject { ["requested"] = 1, ["current"] = 1 },
            };
        }

        var replicas = new JsonObject { ["requested"] = 1 };
        if (runtime.Stage is "RUNNING")
        {
            replicas["current"] = 1;
        }

        var json = new JsonObject
        {
            ["stage"] = runtime.Stage,
            ["hardware"] = new JsonObject { ["current"] = runtime.CurrentHardware, ["requested"] = runtime.RequestedHardware },
            ["storage"] = null,
            ["gcTimeout"] = runtime.GcTimeout,
            ["replicas"] = replicas,
            ["devMode"] = false,
            ["domains"] = new JsonArray(new JsonObject { ["domain"] = Domain(runtime), ["stage"] = "READY" }),
        };
        if (runtime.Sha is not null)
        {
            json["sha"] = runtime.Sha;
        }

        if (runtime.ErrorMessage is not null)
        {
            json["errorMessage"] = runtime.ErrorMessage;
        }

        return json;
    }

    /// <summary>The app origin's host and port (what the Hub calls the domain).</summary>
    public static string Domain(SpaceRuntime runtime) => runtime.App is { } app ? new Uri(app.Origin).Authority : "";

    /// <summary>The Hub-style subdomain: lower-case <c>owner-name</c> with <c>_</c> and <c>.</c> replaced by <c>-</c>.</summary>
    public static string Subdomain(Repo repo) => (repo.Namespace + "-" + repo.Name).ToLowerInvariant().Replace('_', '-').Replace('.', '-');
}
