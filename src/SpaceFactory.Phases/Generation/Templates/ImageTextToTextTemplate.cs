using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary>
/// <c>image-text-to-text</c> (vision-language chat): <c>/chat(messages, image, max_new_tokens)</c> applies the
/// processor's chat template with the image on the last user message and streams the growing conversation;
/// <c>/add_message</c> is the UI's step that appends the typed message. The Sandbox answers with the final
/// conversation (the same <c>chat</c> mode as text chat).
/// </summary>
internal sealed class ImageTextToTextTemplate : MediaTemplate
{
    public override string EndpointName => "chat";

    public override string FileName => "image_text_to_text.py";

    public override int ZeroGpuSeconds => ChatTemplate.GpuSeconds;

    /// <summary>The same literals as the text chat.</summary>
    public override void AddValues(PythonTemplateValues values, GradioAppRequest request) => ChatTemplate.AddChatValues(values, request);

    public override IEnumerable<(string Package, string Version)> Requirements(GradioAppVersions versions, GradioAppRequest request)
    {
        yield return ("transformers", versions.Transformers);
        yield return ("torch", versions.Torch);
        yield return ("torchvision", versions.TorchVision);
        yield return ("accelerate", versions.Accelerate);
    }

    public override void WriteSchema(Utf8JsonWriter writer, GradioAppRequest request)
    {
        writer.WriteStartArray("parameters");
        GradioInfoWriter.ChatbotParameter(writer, "messages");
        GradioInfoWriter.FileParameter(writer, "image", "Image");
        GradioInfoWriter.SliderParameter(writer, "max_new_tokens", 1, 1024, 256);
        writer.WriteEndArray();
        writer.WriteStartArray("returns");
        GradioInfoWriter.ChatbotReturn(writer, "messages");
        writer.WriteEndArray();
    }

    public override void WriteSimulation(Utf8JsonWriter writer, GradioAppRequest request)
    {
        writer.WriteStartObject();
        writer.WriteString("mode", "chat");
        writer.WriteBoolean("requires_upload", true);
        writer.WriteEndObject();
    }

    public override IReadOnlyList<TemplateEndpoint> OtherEndpoints(GradioAppRequest request) => [ChatTemplate.AddMessageEndpoint(request)];

    public override ValidationProbe CreateProbe(GradioAppRequest request) =>
        new("/chat", Inputs(w =>
        {
            ChatTemplate.WriteUserMessage(w, request.Example.Text);
            w.WriteNullValue();
            w.WriteNumberValue(32);
        }), new ChatMessagesCheck())
        {
            Uploads = [new ProbeUpload(1, ProbeMedia.Png)],
        };
}
