using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary>
/// <c>text-to-speech</c> and <c>text-to-audio</c> (one Transformers pipeline, two tags): <c>/synthesize(text)</c>
/// returns a WAV file. Text-to-audio models (MusicGen and the like) generate a bounded number of audio tokens; speech
/// models (VITS, SpeechT5, Bark) stop on their own.
/// </summary>
internal sealed class TextToSpeechTemplate : MediaTemplate
{
    /// <summary>Seconds a ZeroGPU call may hold the GPU.</summary>
    public const int GpuSeconds = 60;

    public override int ZeroGpuSeconds => GpuSeconds;

    /// <summary>Audio tokens a text-to-audio call generates (about five seconds of MusicGen audio).</summary>
    public const int AudioTokens = 256;

    public override string EndpointName => "synthesize";

    public override string FileName => "text_to_speech.py";

    public override void AddValues(PythonTemplateValues values, GradioAppRequest request)
    {
        values.String("EXAMPLE", request.Example.Text)
            .StringList("EXAMPLES", Examples(request))
            .String("TORCH_DTYPE", DtypeOrAuto(request))
            .Integer("MAX_NEW_TOKENS", request.Pipeline == SupportedPipeline.TextToAudio ? AudioTokens : 0);
    }

    public override void WriteSchema(Utf8JsonWriter writer, GradioAppRequest request)
    {
        writer.WriteStartArray("parameters");
        GradioInfoWriter.TextboxParameter(writer, "text", request.Example.Text);
        writer.WriteEndArray();
        writer.WriteStartArray("returns");
        GradioInfoWriter.FileReturn(writer, "audio", "Audio");
        writer.WriteEndArray();
    }

    public override void WriteSimulation(Utf8JsonWriter writer, GradioAppRequest request) => WriteMode(writer, "audio");

    public override ValidationProbe CreateProbe(GradioAppRequest request) =>
        new("/synthesize", Inputs(w => w.WriteStringValue(request.Example.Text)), new AudioFileCheck());
}
