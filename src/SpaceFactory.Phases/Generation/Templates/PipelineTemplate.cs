using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary>One task's generated app: its Python source (an embedded <c>.py</c> file, see <see cref="PythonTemplate"/>),
/// the literals that fill it, its requirements, its API schema, its simulated behaviour for the Sandbox, and the probe
/// that validates it.</summary>
internal abstract class PipelineTemplate
{
    /// <summary>The endpoint the probe calls, without a slash, e.g. <c>generate</c>.</summary>
    public abstract string EndpointName { get; }

    /// <summary>The embedded template file, e.g. <c>text_generation.py</c>.</summary>
    public abstract string FileName { get; }

    /// <summary>The ZeroGPU package's own default: a call may hold the GPU this long unless the task needs longer.</summary>
    public const int DefaultZeroGpuSeconds = 60;

    /// <summary>
    /// Seconds one call may hold a ZeroGPU GPU, written as <c>@spaces.GPU(duration=…)</c> (the generator fills
    /// <c>GPU_SECONDS</c> on ZeroGPU): explicit in every app, so a reviewer sees the budget the Space asks for.
    /// </summary>
    public virtual int ZeroGpuSeconds => DefaultZeroGpuSeconds;

    /// <summary>The task named in the app's <c>TASK</c> constant (the Transformers pipeline task when it runs one).</summary>
    public virtual string Task(GradioAppRequest request) => request.Pipeline.ToTag();

    /// <summary>
    /// Adds the literals of the template's own placeholders (the generator adds MODEL_ID, TASK, TITLE, DESCRIPTION and,
    /// on ZeroGPU, GPU_SECONDS). By default: the example, the card's further examples and the saved dtype.
    /// </summary>
    public virtual void AddValues(PythonTemplateValues values, GradioAppRequest request) =>
        values.String("EXAMPLE", request.Example.Text).StringList("EXAMPLES", Examples(request)).String("TORCH_DTYPE", DtypeOrAuto(request));

    /// <summary>The card's further examples (texts, or media URLs the analysis kept because they are on the Hub).</summary>
    protected static IReadOnlyList<string> Examples(GradioAppRequest request) => request.Examples ?? [];

    /// <summary>The saved dtype, or <c>auto</c> (Transformers then reads <c>torch_dtype</c> from config.json).</summary>
    protected static string DtypeOrAuto(GradioAppRequest request) => request.TorchDtype ?? "auto";

    /// <summary>The pinned packages of <c>requirements.txt</c> (Gradio itself comes from the README's <c>sdk_version</c>).</summary>
    public virtual IEnumerable<(string Package, string Version)> Requirements(GradioAppVersions versions, GradioAppRequest request)
    {
        yield return ("transformers", versions.Transformers);
        yield return ("torch", versions.Torch);
        if (request.NeedsSentencePiece)
        {
            yield return ("sentencepiece", versions.SentencePiece);
        }
    }

    /// <summary>Writes the endpoint's <c>parameters</c> and <c>returns</c> properties in Gradio's <c>/info</c> shape.</summary>
    public abstract void WriteSchema(Utf8JsonWriter writer, GradioAppRequest request);

    /// <summary>Writes the endpoint's simulation object (see docs/sandbox.md) with clearly labelled outputs.</summary>
    public abstract void WriteSimulation(Utf8JsonWriter writer, GradioAppRequest request);

    /// <summary>Named endpoints of the app besides the probed one and <c>/health</c>.</summary>
    public virtual IReadOnlyList<TemplateEndpoint> OtherEndpoints(GradioAppRequest request) => [];

    /// <summary>The validation probe: inputs taken from the example and the check the output must pass.</summary>
    public abstract ValidationProbe CreateProbe(GradioAppRequest request);

    /// <summary>Turns values into the <see cref="JsonElement"/> inputs of a probe.</summary>
    internal static IReadOnlyList<JsonElement> Inputs(Action<Utf8JsonWriter> writeItems)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writeItems(writer);
            writer.WriteEndArray();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }

    /// <summary>Writes <c>{"mode": "fixed", "outputs": [ … ]}</c>.</summary>
    protected static void WriteFixed(Utf8JsonWriter writer, Action<Utf8JsonWriter> writeOutputs)
    {
        writer.WriteStartObject();
        writer.WriteString("mode", "fixed");
        writer.WriteStartArray("outputs");
        writeOutputs(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes <c>{"mode": <paramref name="mode"/>}</c>: a simulation the Sandbox computes from the inputs.</summary>
    protected static void WriteMode(Utf8JsonWriter writer, string mode)
    {
        writer.WriteStartObject();
        writer.WriteString("mode", mode);
        writer.WriteEndObject();
    }

    /// <summary>The schema of the embedding apps: one text box in, the embedding as JSON out.</summary>
    protected static void WriteTextToEmbeddingSchema(Utf8JsonWriter writer, GradioAppRequest request)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(request);
        writer.WriteStartArray("parameters");
        GradioInfoWriter.TextboxParameter(writer, "text", request.Example.Text);
        writer.WriteEndArray();
        writer.WriteStartArray("returns");
        GradioInfoWriter.JsonReturn(writer, "embedding");
        writer.WriteEndArray();
    }

    /// <summary>A labelled stand-in vector: <paramref name="pattern"/> repeated to the model's dimension when it is known.</summary>
    protected static double[] SimulatedVector(GradioAppRequest request, double[] pattern)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(pattern);
        return request.EmbeddingDimensions is { } n ? [.. Enumerable.Range(0, n).Select(i => pattern[i % pattern.Length])] : pattern;
    }

    /// <summary>Writes a simulated embedding output: <c>{"dimensions", ["tokens",] "embedding", "simulated": true}</c>.</summary>
    protected static void WriteSimulatedEmbedding(Utf8JsonWriter writer, double[] vector, int? tokens) =>
        WriteFixed(writer, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("dimensions", vector.Length);
            if (tokens is { } count)
            {
                w.WriteNumber("tokens", count);
            }

            w.WriteStartArray("embedding");
            foreach (var value in vector)
            {
                w.WriteNumberValue(value);
            }

            w.WriteEndArray();
            w.WriteBoolean("simulated", true);
            w.WriteEndObject();
        });

    /// <summary>Writes a simulated Gradio <c>Label</c> value whose top label is the first of <paramref name="labels"/>.</summary>
    protected static void WriteLabelValue(Utf8JsonWriter writer, IReadOnlyList<string> labels)
    {
        writer.WriteStartObject();
        writer.WriteString("label", labels[0]);
        writer.WriteStartArray("confidences");
        var share = 1.0 / (labels.Count + 1);
        for (var i = 0; i < labels.Count; i++)
        {
            writer.WriteStartObject();
            writer.WriteString("label", labels[i]);
            writer.WriteNumber("confidence", i == 0 ? 2 * share : share);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
