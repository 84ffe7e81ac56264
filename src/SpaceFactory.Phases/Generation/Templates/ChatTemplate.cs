using System.Text.Json;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Generation.Templates;

/// <summary>
/// Chat for instruction-tuned text-generation models (a chat template in tokenizer_config.json): <c>/chat(messages,
/// max_new_tokens)</c> applies the chat template and streams the growing conversation; <c>/add_message</c> is the UI's
/// step that appends the typed message.
/// </summary>
internal class ChatTemplate : MediaTemplate
{
    /// <summary>Seconds a ZeroGPU call may hold the GPU.</summary>
    public const int GpuSeconds = 120;

    public override int ZeroGpuSeconds => GpuSeconds;

    public override string EndpointName => "chat";

    public override string FileName => "chat.py";

    public override string Task(GradioAppRequest request) => "text-generation";

    public override void AddValues(PythonTemplateValues values, GradioAppRequest request) => AddChatValues(values, request);

    public override IEnumerable<(string Package, string Version)> Requirements(GradioAppVersions versions, GradioAppRequest request)
    {
        foreach (var requirement in base.Requirements(versions, request))
        {
            yield return requirement;
        }

        yield return ("accelerate", versions.Accelerate);
    }

    public override void WriteSchema(Utf8JsonWriter writer, GradioAppRequest request)
    {
        writer.WriteStartArray("parameters");
        GradioInfoWriter.ChatbotParameter(writer, "messages");
        GradioInfoWriter.SliderParameter(writer, "max_new_tokens", 1, 1024, 256);
        writer.WriteEndArray();
        writer.WriteStartArray("returns");
        GradioInfoWriter.ChatbotReturn(writer, "messages");
        writer.WriteEndArray();
    }

    /// <summary>The chunks of the simulated reply.</summary>
    public static readonly IReadOnlyList<string> SimulatedReply = ["[simulated", " streamed", " reply]"];

    public override void WriteSimulation(Utf8JsonWriter writer, GradioAppRequest request)
    {
        writer.WriteStartObject();
        writer.WriteString("mode", "chat");
        SimulatedStream.Write(writer, SimulatedReply);
        writer.WriteEndObject();
    }

    public override IReadOnlyList<TemplateEndpoint> OtherEndpoints(GradioAppRequest request) => [AddMessageEndpoint(request)];

    public override ValidationProbe CreateProbe(GradioAppRequest request) =>
        new("/chat", Inputs(w =>
        {
            WriteUserMessage(w, request.Example.Text);
            w.WriteNumberValue(32);
        }), new ChatMessagesCheck());

    /// <summary>The chat UI's <c>/add_message(message, messages)</c> step (also used by the vision-language chat).</summary>
    internal static TemplateEndpoint AddMessageEndpoint(GradioAppRequest request) => new("/add_message", w =>
    {
        w.WriteStartArray("parameters");
        GradioInfoWriter.TextboxParameter(w, "message", request.Example.Text);
        GradioInfoWriter.ChatbotParameter(w, "messages");
        w.WriteEndArray();
        w.WriteStartArray("returns");
        GradioInfoWriter.TextboxReturn(w, "message");
        GradioInfoWriter.ChatbotReturn(w, "messages");
        w.WriteEndArray();
    }, w => WriteMode(w, "chat_add_message"));

    /// <summary>The literals of the chat apps (also the vision-language chat): the example, the card's examples and the saved dtype.</summary>
    internal static void AddChatValues(PythonTemplateValues values, GradioAppRequest request)
    {
        values.String("EXAMPLE", request.Example.Text).StringList("EXAMPLES", Examples(request)).String("TORCH_DTYPE", DtypeOrAuto(request));
    }

    /// <summary>Writes a conversation of one user message, the chat probes' first input.</summary>
    internal static void WriteUserMessage(Utf8JsonWriter w, string text)
    {
        w.WriteStartArray();
        w.WriteStartObject();
        w.WriteString("role", "user");
        w.WriteString("content", text);
        w.WriteEndObject();
        w.WriteEndArray();
    }
}
