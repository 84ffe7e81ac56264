namespace SpaceFactory.Sandbox.Llm;

/// <summary>
/// What <see cref="BuiltInAgentScripts.Model"/> plays for the model-card recipe's build task (<c>task: build-app</c>),
/// chosen by the brief's <c>model:</c> line: a real spaCy entity recogniser for the seeded spaCy pipeline, and
/// <c>blockers.md</c> for the seeded models no app can run for real (a PEFT adapter on a gated base, a Keras 2
/// SavedModel). Any other model gets an honest blocker: the scripted model knows no build for it.
/// </summary>
public static class BuildAgentScripts
{
    /// <summary>The seeded spaCy pipeline the success script builds.</summary>
    public const string SpacyModel = "spacy/en_core_web_sm";

    /// <summary>The seeded PEFT adapter whose base model is gated.</summary>
    public const string PeftModel = "FinGPT/fingpt-forecaster_dow30_llama2-7b_lora";

    /// <summary>The seeded Keras 2 SavedModel.</summary>
    public const string KerasModel = "keras-io/ocr-for-captcha";

    /// <summary>Reads the card, then writes a spaCy NER app (<c>/predict</c>, <c>/health</c>), its pinned requirements and manifest.</summary>
    public static LlmScript SpacyNer { get; } = new(
    [
        new LlmTurn.ToolCall("read", """{"path":"{{card_file}}"}"""),
        AgentFiles.Write("app.py", AgentFiles.Read("spacy_ner/app.py")),
        AgentFiles.Write("requirements.txt", AgentFiles.Read("spacy_ner/requirements.txt")),
        AgentFiles.Write("spacefactory_manifest.json", AgentFiles.Read("spacy_ner/spacefactory_manifest.json")),
        new LlmTurn.Text("I wrote app.py (spaCy named entities at /predict, readiness at /health), requirements.txt and the manifest."),
    ]);

    /// <summary>Reads the card of a LoRA adapter and writes why it cannot run: its base model is gated and large.</summary>
    public static LlmScript PeftBlocked { get; } = new(
    [
        new LlmTurn.ToolCall("read", """{"path":"{{card_file}}"}"""),
        AgentFiles.Write("blockers.md",
            "- {{model}} is a PEFT LoRA adapter, not a full model: it runs only on top of its base model meta-llama/Llama-2-7b-chat-hf.\n" +
            "- The base model meta-llama/Llama-2-7b-chat-hf is gated: the Space cannot download it before its owner accepts the licence, and the app may not read a token.\n" +
            "- The base model has 7 billion parameters (about 13.5 GB in float16), more than CPU basic holds.\n"),
        new LlmTurn.Text("Real inference is impossible here; I listed the reasons in blockers.md."),
    ]);

    /// <summary>Reads the card of a Keras 2 SavedModel and writes why no current library loads it.</summary>
    public static LlmScript KerasBlocked { get; } = new(
    [
        new LlmTurn.ToolCall("read", """{"path":"{{card_file}}"}"""),
        AgentFiles.Write("blockers.md",
            "- {{model}} holds only a Keras 2 TensorFlow SavedModel (saved_model.pb, variables/), no .keras or .h5 file: Keras 3 cannot load it with keras.saving.load_model.\n" +
            "- Loading it as saved needs TensorFlow 2 with tf-keras at the version it was written with, which the card does not name.\n"),
        new LlmTurn.Text("Real inference is impossible here; I listed the reasons in blockers.md."),
    ]);

    /// <summary>Any other model: the scripted model says plainly that it has no build for it.</summary>
    public static LlmScript Unknown { get; } = new(
    [
        AgentFiles.Write("blockers.md", "- The Sandbox's scripted coding model has no build for {{model}}; a real coding model is needed.\n"),
        new LlmTurn.Text("I cannot build this model; see blockers.md."),
    ]);

    /// <summary>The build scripts under their registry keys (<c>model#task#subject</c>, then <c>model#task</c>).</summary>
    internal static IEnumerable<KeyValuePair<string, LlmScript>> All =>
    [
        new(BuiltInAgentScripts.Model + "#build-app#" + SpacyModel, SpacyNer),
        new(BuiltInAgentScripts.Model + "#build-app#" + PeftModel, PeftBlocked),
        new(BuiltInAgentScripts.Model + "#build-app#" + KerasModel, KerasBlocked),
        new(BuiltInAgentScripts.Model + "#build-app", Unknown),
    ];
}
