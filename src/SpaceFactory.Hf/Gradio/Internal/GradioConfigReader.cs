using System.Text.Json;

namespace SpaceFactory.Hf.Gradio.Internal;

/// <summary>Reads <c>/config</c> tolerantly across Gradio 4.x to 6.x (field sets and types differ between versions).</summary>
internal static class GradioConfigReader
{
    public static GradioAppInfo Read(JsonElement root, Uri baseUrl, string? spaceId)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new GradioProtocolException($"GET {baseUrl}config did not return a JSON object; is this a Gradio app?");
        }

        var stateIds = new HashSet<long>();
        if (root.TryGetProperty("components", out var components) && components.ValueKind == JsonValueKind.Array)
        {
            foreach (var component in components.EnumerateArray())
            {
                if (component.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String &&
                    string.Equals(type.GetString(), "state", StringComparison.OrdinalIgnoreCase) &&
                    component.TryGetProperty("id", out var id) && id.TryGetInt64(out var number))
                {
                    stateIds.Add(number);
                }
            }
        }

        var dependencies = new List<GradioDependency>();
        if (root.TryGetProperty("dependencies", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var dependency in list.EnumerateArray())
            {
                var fnIndex = dependency.TryGetProperty("id", out var id) && id.TryGetInt32(out var value) ? value : index;
                var apiName = dependency.TryGetProperty("api_name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()!.TrimStart('/') : null;
                var inputs = dependency.TryGetProperty("inputs", out var ids) && ids.ValueKind == JsonValueKind.Array
                    ? ids.EnumerateArray().Select(i => i.TryGetInt64(out var n) && stateIds.Contains(n)).ToList()
                    : [];
                var generator = dependency.TryGetProperty("types", out var types) && types.ValueKind == JsonValueKind.Object &&
                                types.TryGetProperty("generator", out var g) && g.ValueKind == JsonValueKind.True;
                dependencies.Add(new GradioDependency(fnIndex, apiName, inputs, generator, IsPublic(dependency)));
                index++;
            }
        }

        return new GradioAppInfo
        {
            BaseUrl = baseUrl,
            SpaceId = spaceId ?? String(root, "space_id"),
            Version = String(root, "version"),
            ApiPrefix = (String(root, "api_prefix") ?? string.Empty).TrimEnd('/'),
            Protocol = String(root, "protocol"),
            ShowError = root.TryGetProperty("show_error", out var show) && show.ValueKind == JsonValueKind.True,
            IsSimulated = root.TryGetProperty("spacefactory_simulated", out var simulated) && simulated.ValueKind == JsonValueKind.True,
            Dependencies = dependencies,
        };
    }

    private static bool IsPublic(JsonElement dependency)
    {
        if (dependency.TryGetProperty("api_visibility", out var visibility) && visibility.ValueKind == JsonValueKind.String)
        {
            return string.Equals(visibility.GetString(), "public", StringComparison.Ordinal);
        }

        return !(dependency.TryGetProperty("show_api", out var show) && show.ValueKind == JsonValueKind.False);
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
