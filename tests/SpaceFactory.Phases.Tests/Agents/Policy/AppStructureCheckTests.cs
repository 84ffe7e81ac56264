using SpaceFactory.Phases.Agents.Policy;
using SpaceFactory.Phases.Generation;
using SpaceFactory.Phases.Tests.Generation;

namespace SpaceFactory.Phases.Tests.Agents.Policy;

/// <summary>
/// The structure and placeholder check an agent-built app must pass, held against every template the factory
/// writes itself: a real app of each kind passes, so the heuristic refuses stand-ins, not real inference.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
public class AppStructureCheckTests
{
    private static readonly AppStructureCheck Check = new(new AgentPolicyOptions());

    [TestCaseSource(typeof(GeneratedAppStructureTests), nameof(GeneratedAppStructureTests.EveryTemplate))]
    public async Task Every_template_passes_with_its_own_generation_endpoint(SupportedPipeline pipeline, string library, bool zeroGpu)
    {
        var app = new GradioAppGenerator().Generate(GeneratedAppStructureTests.RequestFor(pipeline, library, zeroGpu));
        var endpoint = app.Probe.ApiName.TrimStart('/');

        Assert.That(await Check.CheckAsync(app["app.py"], [endpoint, "health"], endpoint, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task An_endpoint_wired_to_a_lambda_that_echoes_is_a_placeholder()
    {
        const string App = "import gradio as gr\n\nwith gr.Blocks() as demo:\n    t = gr.Textbox()\n    t.submit(lambda text: text.upper(), inputs=t, outputs=t, api_name=\"predict\")\n    gr.api(lambda: {\"status\": \"ok\"}, api_name=\"health\")\n\ndemo.launch(show_error=True)\n";

        var found = await Check.CheckAsync(App, ["predict", "health"], "predict", CancellationToken.None);

        Assert.That(found?.ToString(), Does.StartWith("the agent policy refused app.py line 5 (rule placeholder): /predict (lambda) never uses a loaded model"));
    }

    [Test]
    public async Task An_endpoint_wired_straight_to_a_loaded_model_passes()
    {
        const string App = "import gradio as gr\nfrom transformers import pipeline\n\npipe = pipeline(\"ner\", model=\"dslim/bert-base-NER\")\n\n" +
            "with gr.Blocks() as demo:\n    t = gr.Textbox()\n    j = gr.JSON()\n    t.submit(pipe, inputs=t, outputs=j, api_name=\"predict\")\n    gr.api(lambda: {\"status\": \"ok\"}, api_name=\"health\")\n\ndemo.launch(show_error=True)\n";

        Assert.That(await Check.CheckAsync(App, ["predict", "health"], "predict", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task An_app_that_does_not_compile_is_refused_with_its_line()
    {
        var found = await Check.CheckAsync("import gradio as gr\n\ndef predict(:\n", ["predict", "health"], "predict", CancellationToken.None);

        Assert.That(found, Is.Not.Null);
        Assert.That((found!.Rule, found.Line), Is.EqualTo(("structure", 3)));
        Assert.That(found.Detail, Does.StartWith("app.py does not compile: "));
    }
}
