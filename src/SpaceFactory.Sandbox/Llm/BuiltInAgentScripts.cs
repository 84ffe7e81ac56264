namespace SpaceFactory.Sandbox.Llm;

/// <summary>
/// The scripts of the model <see cref="Model"/>, which plays a well-behaved coding agent for each of the factory's
/// agent tasks (chosen by the brief's <c>task:</c> line); the brief's other lines fill the slots.
/// </summary>
public static class BuiltInAgentScripts
{
    /// <summary>The model id that stands in for a coding model in the Sandbox.</summary>
    public const string Model = "sandbox-coder";

    /// <summary>Phase 3: one named edit of one file (<c>file</c>, <c>find</c>, <c>replace</c>).</summary>
    public static LlmScript SafeEdit { get; } = new(
    [
        new LlmTurn.ToolCall("read", """{"path":"{{file}}"}"""),
        new LlmTurn.ToolCall("edit", """{"path":"{{file}}","edits":[{"oldText":"{{find}}","newText":"{{replace}}"}]}"""),
        new LlmTurn.Text("I made the requested edit in {{file}} and changed nothing else."),
    ]);

    /// <summary>Phase 4: creates the private Space and uploads the workspace with the Hub CLI (<c>space</c>).</summary>
    public static LlmScript Deploy { get; } = new(
    [
        new LlmTurn.ToolCall("bash", """{"command":"hf repo create {{space}} --repo-type space --space-sdk gradio --private"}"""),
        new LlmTurn.ToolCall("bash", """{"command":"hf upload {{space}} . . --repo-type space --commit-message 'Deploy the generated app'"}"""),
        new LlmTurn.Text("The private Space {{space}} was created and the app uploaded."),
    ]);

    /// <summary>The model-card recipe with the agent: reads the card (data) and notes it in the app.</summary>
    public static LlmScript AdaptApp { get; } = new(
    [
        new LlmTurn.ToolCall("read", """{"path":"{{card_file}}"}"""),
        new LlmTurn.ToolCall("edit", """{"path":"app.py","edits":[{"oldText":"import gradio as gr\n","newText":"# Adapted to the model card of {{model}} by the coding agent.\nimport gradio as gr\n"}]}"""),
        new LlmTurn.Text("I adapted app.py to the model card."),
    ]);

    /// <summary>Every built-in script under its registry key (<c>model#task</c>).</summary>
    internal static IEnumerable<KeyValuePair<string, LlmScript>> All =>
    [
        new(Model + "#safe-edit", SafeEdit),
        new(Model + "#deploy", Deploy),
        new(Model + "#adapt-app", AdaptApp),
        new(Model, new LlmScript([new LlmTurn.Text("No task line in the brief; nothing to do.")])),
    ];
}
