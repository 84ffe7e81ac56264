using System.Text.Json;

namespace SpaceFactory.Hf.Gradio.Internal;

/// <summary>Reads <c>{prefix}/info</c> (named endpoints with parameters and returns) into a <see cref="GradioApiSchema"/>.</summary>
internal static class GradioInfoReader
{
    public static GradioApiSchema Read(JsonElement root, GradioAppInfo app, DateTimeOffset fetchedAt)
    {
        var endpoints = new List<GradioEndpointSchema>();
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("named_endpoints", out var named) && named.ValueKind == JsonValueKind.Object)
        {
            foreach (var endpoint in named.EnumerateObject())
            {
                var name = "/" + endpoint.Name.TrimStart('/');
                var dependency = app.Dependencies.FirstOrDefault(d => string.Equals("/" + d.ApiName, name, StringComparison.Ordinal));
                endpoints.Add(new GradioEndpointSchema
                {
                    ApiName = name,
                    FnIndex = dependency?.FnIndex,
                    Generator = dependency?.IsGenerator ?? false,
                    Description = String(endpoint.Value, "description"),
                    Parameters = Array(endpoint.Value, "parameters").Select(Parameter).ToList(),
                    Returns = Array(endpoint.Value, "returns").Select(Return).ToList(),
                });
            }
        }

        return new GradioApiSchema
        {
            Source = new GradioApiSource(app.SpaceId, app.BaseUrl.AbsoluteUri.TrimEnd('/'), app.ApiPrefix),
            GradioVersion = app.Version,
            Protocol = app.Protocol,
            FetchedAt = fetchedAt,
            Simulated = app.IsSimulated,
            Endpoints = endpoints,
        };
    }

    private static GradioParameterSchema Parameter(JsonElement p)
    {
        var hasDefault = p.TryGetProperty("parameter_has_default", out var flag) && flag.ValueKind == JsonValueKind.True;
        return new GradioParameterSchema
        {
            Name = String(p, "parameter_name") ?? String(p, "label") ?? "input",
            Label = String(p, "label"),
            Component = String(p, "component"),
            PythonType = PythonType(p),
            JsonSchema = p.TryGetProperty("type", out var type) ? type.Clone() : null,
            Required = !hasDefault,
            Default = hasDefault && p.TryGetProperty("parameter_default", out var value) ? value.Clone() : null,
            Example = p.TryGetProperty("example_input", out var example) ? example.Clone() : null,
            IsFile = IsFile(p),
        };
    }

    private static GradioReturnSchema Return(JsonElement r) => new()
    {
        Label = String(r, "label"),
        Component = String(r, "component"),
        PythonType = PythonType(r),
        JsonSchema = r.TryGetProperty("type", out var type) ? type.Clone() : null,
        IsFile = IsFile(r),
    };

    private static bool IsFile(JsonElement e) =>
        string.Equals(PythonType(e), "filepath", StringComparison.Ordinal) ||
        (e.TryGetProperty("type", out var type) && type.GetRawText().Contains("FileData", StringComparison.Ordinal));

    private static string? PythonType(JsonElement e) =>
        e.TryGetProperty("python_type", out var t) && t.ValueKind == JsonValueKind.Object ? String(t, "type") : null;

    private static JsonElement[] Array(JsonElement e, string name) =>
        e.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array ? [.. list.EnumerateArray()] : [];

    private static string? String(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
