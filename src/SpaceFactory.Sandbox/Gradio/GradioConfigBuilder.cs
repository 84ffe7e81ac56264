using System.Text.Json.Nodes;
using SpaceFactory.Sandbox.Infrastructure;

namespace SpaceFactory.Sandbox.Gradio;

/// <summary>
/// Builds the <c>/config</c> document from a manifest: one input component per parameter, one output component per
/// return, one dependency per named endpoint. Gradio 5.x/6.x get the keys of the 6.25.0 recording, 4.x exactly the
/// keys of the 4.44.1 recording (no 6.x-only keys, <c>show_api</c> at the top and on each dependency).
/// </summary>
internal static class GradioConfigBuilder
{
    private static readonly string[] Config4Keys =
    [
        "version", "mode", "app_id", "dev_mode", "analytics_enabled", "components", "css", "connect_heartbeat", "js", "head", "title",
        "space_id", "enable_queue", "show_error", "show_api", "is_colab", "max_file_size", "stylesheets", "theme", "protocol", "body_css",
        "fill_height", "fill_width", "theme_hash", "layout", "dependencies", "root", "username", "spacefactory_simulated",
    ];

    private static readonly string[] Dependency4Keys =
    [
        "id", "targets", "inputs", "outputs", "backend_fn", "js", "queue", "api_name", "scroll_to_output", "show_progress", "batch",
        "max_batch_size", "cancels", "types", "collects_event_data", "trigger_after", "trigger_only_on_success", "trigger_mode", "show_api",
        "zerogpu", "rendered_in",
    ];

    private static readonly string[] Component4Keys = ["id", "type", "props", "skip_api", "component_class_id", "key", "api_info", "example_inputs"];

    public static JsonObject Build(GradioManifest manifest, string root, string? spaceId, long appId)
    {
        var components = new JsonArray();
        var dependencies = new JsonArray();
        var layoutChildren = new JsonArray();
        var componentIds = new JsonArray();
        var nextId = 1;
        foreach (var endpoint in manifest.Endpoints)
        {
            var inputs = new JsonArray();
            foreach (var parameter in endpoint.Parameters)
            {
                var id = nextId++;
                components.Append(Component(id, parameter, isInput: true));
                inputs.Append(id);
                layoutChildren.Append(new JsonObject { ["id"] = id });
                componentIds.Append(id);
            }

            var outputs = new JsonArray();
            foreach (var output in endpoint.Returns)
            {
                var id = nextId++;
                components.Append(Component(id, output, isInput: false));
                outputs.Append(id);
                layoutChildren.Append(new JsonObject { ["id"] = id });
                componentIds.Append(id);
            }

            dependencies.Append(Dependency(endpoint, inputs, outputs, manifest.Major));
        }

        var layout = new JsonObject { ["id"] = 0, ["children"] = layoutChildren };
        var dependencyIds = new JsonArray();
        foreach (var endpoint in manifest.Endpoints)
        {
            dependencyIds.Append(endpoint.FnIndex);
        }

        var config = new JsonObject { ["version"] = manifest.GradioVersion };
        if (manifest.Major >= 5)
        {
            config["api_prefix"] = manifest.ApiPrefix;
        }

        config["mode"] = "blocks";
        config["app_id"] = appId;
        config["dev_mode"] = false;
        config["vibe_mode"] = false;
        config["analytics_enabled"] = false;
        config["components"] = components;
        config["css"] = null;
        config["connect_heartbeat"] = false;
        config["js"] = null;
        config["head"] = null;
        config["title"] = manifest.Title;
        config["space_id"] = spaceId;
        config["enable_queue"] = true;
        config["show_error"] = manifest.ShowError;
        config["footer_links"] = new JsonArray("api", "gradio", "settings");
        config["run_history"] = false;
        config["is_colab"] = false;
        config["max_file_size"] = null;
        config["stylesheets"] = new JsonArray();
        config["theme"] = "default";
        config["protocol"] = "sse_v3";
        config["body_css"] = new JsonObject
        {
            ["body_background_fill"] = "white",
            ["body_text_color"] = "#27272a",
            ["body_background_fill_dark"] = "#0f0f11",
            ["body_text_color_dark"] = "#f4f4f5",
        };
        config["fill_height"] = false;
        config["fill_width"] = false;
        config["theme_hash"] = "spacefactory-sandbox";
        config["pwa"] = false;
        config["pages"] = new JsonArray(new JsonArray("", "Home", true));
        config["page"] = new JsonObject
        {
            [""] = new JsonObject { ["layout"] = layout.DeepClone(), ["components"] = componentIds, ["dependencies"] = dependencyIds },
        };
        config["mcp_server"] = false;
        config["i18n_translations"] = null;
        config["dependencies"] = dependencies;
        config["layout"] = layout;
        config["username"] = null;
        config["root"] = root;
        config["spacefactory_simulated"] = true;
        if (manifest.Major >= 5)
        {
            return config;
        }

        config["show_api"] = true;
        config["components"] = new JsonArray([.. components.Select(c => (JsonNode?)Only(c!.AsObject(), Component4Keys))]);
        config["dependencies"] = new JsonArray([.. dependencies.Select(d =>
        {
            d!["zerogpu"] = false;
            return (JsonNode?)Only(d.AsObject(), Dependency4Keys);
        })]);
        return Only(config, Config4Keys);
    }

    /// <summary>A copy of <paramref name="source"/> with only <paramref name="keys"/>, in their order.</summary>
    private static JsonObject Only(JsonObject source, string[] keys)
    {
        var copy = new JsonObject();
        foreach (var key in keys)
        {
            if (source.TryGetPropertyValue(key, out var value))
            {
                copy[key] = value?.DeepClone();
            }
        }

        return copy;
    }

    private static JsonObject Component(int id, JsonNode? info, bool isInput)
    {
        var componentName = info?["component"]?.GetValue<string>() ?? (isInput ? "Textbox" : "Json");
        var type = componentName.ToLowerInvariant();
        var schema = info?["type"]?.DeepClone() ?? new JsonObject();
        var props = new JsonObject
        {
            ["label"] = info?["label"]?.DeepClone(),
            ["show_label"] = true,
            ["visible"] = true,
            ["name"] = type,
        };
        if (isInput && info?["parameter_has_default"] is JsonValue hasDefault && hasDefault.TryGetValue<bool>(out var has) && has)
        {
            props["value"] = info["parameter_default"]?.DeepClone();
        }

        return new JsonObject
        {
            ["id"] = id,
            ["type"] = type,
            ["props"] = props,
            ["skip_api"] = false,
            ["component_class_id"] = type,
            ["key"] = null,
            ["api_info"] = schema,
            ["api_info_as_input"] = schema.DeepClone(),
            ["api_info_as_output"] = schema.DeepClone(),
            ["example_inputs"] = info?["example_input"]?.DeepClone(),
        };
    }

    private static JsonObject Dependency(GradioEndpoint endpoint, JsonArray inputs, JsonArray outputs, int major)
    {
        var dependency = new JsonObject
        {
            ["id"] = endpoint.FnIndex,
            ["targets"] = new JsonArray(),
            ["inputs"] = inputs,
            ["outputs"] = outputs,
            ["backend_fn"] = true,
            ["js"] = null,
            ["queue"] = true,
            ["api_name"] = endpoint.Name,
            ["api_description"] = null,
            ["scroll_to_output"] = false,
            ["show_progress"] = "full",
            ["show_progress_on"] = null,
            ["batch"] = false,
            ["max_batch_size"] = 4,
            ["cancels"] = new JsonArray(),
            ["types"] = new JsonObject { ["generator"] = endpoint.IsGenerator, ["cancel"] = false },
            ["collects_event_data"] = false,
            ["trigger_after"] = null,
            ["trigger_only_on_success"] = false,
            ["trigger_only_on_failure"] = false,
            ["trigger_mode"] = "once",
        };
        if (major >= 6)
        {
            dependency["api_visibility"] = "public";
        }
        else
        {
            dependency["show_api"] = true;
        }

        dependency["rendered_in"] = null;
        dependency["render_id"] = null;
        dependency["connection"] = "sse";
        dependency["time_limit"] = null;
        dependency["stream_every"] = 0.5;
        dependency["event_specific_args"] = null;
        dependency["component_prop_inputs"] = new JsonArray();
        dependency["js_implementation"] = null;
        return dependency;
    }
}
