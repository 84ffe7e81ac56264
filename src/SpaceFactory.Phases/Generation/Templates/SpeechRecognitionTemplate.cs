using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary><c>automatic-speech-recognition</c>: <c>/transcribe(audio)</c> returns the transcript.</summary>
internal sealed class SpeechRecognitionTemplate : MediaTemplate
{
    public override string EndpointName => "transcribe";

    public override string FileName => "automatic_speech_recognition.py";

    public override void AddValues(PythonTemplateValues values, GradioAppRequest request) =>
        values.String("TORCH_DTYPE", DtypeOrAuto(request)).StringList("EXAMPLES", Examples(request));

    public override IEnumerable<(string Package, string Version)> Requirements(GradioAppVersions versions, GradioAppRequest request)
    {
        foreach (var requirement in base.Requirements(versions, request))
        {
            yield return requirement;
        }

        yield return ("torchaudio", versions.TorchAudio);
    }

    public override void WriteSchema(Utf8JsonWriter writer, GradioAppRequest request)
    {
        writer.WriteStartArray("parameters");
        GradioInfoWriter.FileParameter(writer, "audio", "Audio");
        writer.WriteEndArray();
        writer.WriteStartArray("returns");
        GradioInfoWriter.TextboxReturn(writer, "text");
        writer.WriteEndArray();
    }

    public override void WriteSimulation(Utf8JsonWriter writer, GradioAppRequest request) =>
        WriteFixedAfterUpload(writer, w => w.WriteStringValue("[simulated transcript]"));

    public override ValidationProbe CreateProbe(GradioAppRequest request) =>
        new("/transcribe", Inputs(w => w.WriteNullValue()), new NonEmptyTextCheck()) { Uploads = [new ProbeUpload(0, ProbeMedia.Wav)] };
}
