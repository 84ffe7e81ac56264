using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary>
/// <c>audio-classification</c>: <c>/classify(audio)</c> returns a Gradio <c>Label</c> with the top five scores of the
/// recording (keyword spotting, sound events, languages...).
/// </summary>
internal sealed class AudioClassificationTemplate : MediaTemplate
{
    public override string EndpointName => "classify";

    public override string FileName => "audio_classification.py";

    public override void AddValues(PythonTemplateValues values, GradioAppRequest request) =>
        values.String("TORCH_DTYPE", DtypeOrAuto(request)).StringList("EXAMPLES", Examples(request));

    public override IEnumerable<(string Package, string Version)> Requirements(GradioAppVersions versions, GradioAppRequest request) =>
        [.. base.Requirements(versions, request), ("torchaudio", versions.TorchAudio)];

    public override void WriteSchema(Utf8JsonWriter writer, GradioAppRequest request)
    {
        writer.WriteStartArray("parameters");
        GradioInfoWriter.FileParameter(writer, "audio", "Audio");
        writer.WriteEndArray();
        writer.WriteStartArray("returns");
        GradioInfoWriter.LabelReturn(writer, "label");
        writer.WriteEndArray();
    }

    public override void WriteSimulation(Utf8JsonWriter writer, GradioAppRequest request) =>
        WriteFixedAfterUpload(writer, w => WriteLabelValue(w, request.Labels is { Count: > 0 } labels ? [.. labels.Take(5)] : ["[simulated label]", "[simulated alternative]"]));

    public override ValidationProbe CreateProbe(GradioAppRequest request) =>
        new("/classify", Inputs(w => w.WriteNullValue()), new LabelScoresCheck(request.Labels is { Count: > 0 } labels ? labels : null))
        {
            Uploads = [new ProbeUpload(0, ProbeMedia.Wav)],
        };
}
