namespace SpaceFactory.Sandbox.Tests;

/// <summary>Files of a Space as the SpaceFactory generator commits them (app.py, requirements.txt, README.md, manifest).</summary>
internal static class SandboxApps
{
    public const string AppPy = "import gradio as gr\n\ndef generate(prompt, max_new_tokens=20):\n    return prompt\n\ndemo = gr.Interface(generate, [\"text\", gr.Slider(1, 64, value=20)], \"text\")\ndemo.launch()\n";

    public const string Readme = "---\ntitle: tiny-gpt2 demo\nemoji: 🤖\nsdk: gradio\nsdk_version: 5.49.1\napp_file: app.py\npinned: false\nmodels:\n- sshleifer/tiny-gpt2\n---\n\nA generated demo.\n";

    public const string Manifest = """
        {"schema_version": 1,
         "generator": "SpaceFactory/0.1.0",
         "gradio_version": "5.49.1",
         "title": "tiny-gpt2 demo",
         "info": {"named_endpoints": {
            "/generate": {"parameters": [
                {"label": "prompt", "parameter_name": "prompt", "parameter_has_default": false, "parameter_default": null, "type": {"type": "string"}, "python_type": {"type": "str", "description": ""}, "component": "Textbox", "example_input": "Hello!!"},
                {"label": "max_new_tokens", "parameter_name": "max_new_tokens", "parameter_has_default": true, "parameter_default": 20, "type": {"type": "number"}, "python_type": {"type": "float", "description": ""}, "component": "Slider", "example_input": 1}],
              "returns": [{"label": "generated_text", "type": {"type": "string"}, "python_type": {"type": "str", "description": ""}, "component": "Textbox"}],
              "show_api": true},
            "/health": {"parameters": [], "returns": [{"label": "status", "type": {"type": "object", "additionalProperties": {}}, "python_type": {"type": "dict(str, Any)", "description": ""}, "component": "Json"}], "show_api": true},
            "/classify": {"parameters": [{"label": "text", "parameter_name": "text", "parameter_has_default": false, "parameter_default": null, "type": {"type": "string"}, "python_type": {"type": "str", "description": ""}, "component": "Textbox", "example_input": "Hello!!"}],
              "returns": [{"label": "label", "type": {"type": "object"}, "python_type": {"type": "dict", "description": ""}, "component": "Label"}], "show_api": true},
            "/echo": {"parameters": [{"label": "a", "parameter_name": "a", "parameter_has_default": false, "parameter_default": null, "type": {"type": "string"}, "python_type": {"type": "str", "description": ""}, "component": "Textbox", "example_input": "x"},
                                     {"label": "b", "parameter_name": "b", "parameter_has_default": false, "parameter_default": null, "type": {"type": "number"}, "python_type": {"type": "float", "description": ""}, "component": "Number", "example_input": 1}],
              "returns": [{"label": "a", "type": {"type": "string"}, "python_type": {"type": "str", "description": ""}, "component": "Textbox"}, {"label": "b", "type": {"type": "number"}, "python_type": {"type": "float", "description": ""}, "component": "Number"}], "show_api": true},
            "/fail": {"parameters": [{"label": "text", "parameter_name": "text", "parameter_has_default": false, "parameter_default": null, "type": {"type": "string"}, "python_type": {"type": "str", "description": ""}, "component": "Textbox", "example_input": "x"}],
              "returns": [{"label": "output", "type": {"type": "string"}, "python_type": {"type": "str", "description": ""}, "component": "Textbox"}], "show_api": true},
            "/generate_stream": {"parameters": [
                {"label": "prompt", "parameter_name": "prompt", "parameter_has_default": false, "parameter_default": null, "type": {"type": "string"}, "python_type": {"type": "str", "description": ""}, "component": "Textbox", "example_input": "Hello!!"},
                {"label": "max_new_tokens", "parameter_name": "max_new_tokens", "parameter_has_default": true, "parameter_default": 20, "type": {"type": "number"}, "python_type": {"type": "float", "description": ""}, "component": "Slider", "example_input": 1}],
              "returns": [{"label": "generated_text", "type": {"type": "string"}, "python_type": {"type": "str", "description": ""}, "component": "Textbox"}],
              "show_api": true}},
          "unnamed_endpoints": {}},
         "simulation": {
           "/generate": {"mode": "echo_prefix", "suffix": " [simulated continuation]"},
           "/health": {"mode": "fixed", "outputs": [{"status": "ok", "simulated": true}]},
           "/classify": {"mode": "fixed", "outputs": [{"label": "POSITIVE", "confidences": [{"label": "POSITIVE", "confidence": 0.9}]}]},
           "/echo": {"mode": "echo"},
           "/fail": {"mode": "error", "message": "boom"},
           "/generate_stream": {"mode": "echo_prefix", "suffix": "", "stream": [" over", " the", " lazy", " dog", " the"]}
         }}
        """;

    public static Dictionary<string, string> Files(string? gradioVersion = null) => new(StringComparer.Ordinal)
    {
        ["app.py"] = AppPy,
        ["requirements.txt"] = "transformers\ntorch\n",
        ["README.md"] = Readme,
        ["spacefactory_manifest.json"] = gradioVersion is null ? Manifest : Manifest.Replace("\"5.49.1\"", "\"" + gradioVersion + "\"", StringComparison.Ordinal),
    };
}
