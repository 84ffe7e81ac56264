using System.Globalization;
using System.Text.Json.Nodes;

namespace SpaceFactory.Sandbox.Gradio;

/// <summary>
/// Simulation modes whose outputs have the real shape of media and chat apps: <c>image</c> (a real PNG file),
/// <c>audio</c> (a real WAV file), <c>chat</c> (the conversation plus an assistant reply), <c>chat_add_message</c>
/// (the chat UI's append step), and <c>requires_upload</c> on any mode (a file input must have been uploaded).
/// </summary>
internal static class MediaSimulation
{
    /// <summary>The modes this class computes.</summary>
    public static readonly string[] Modes = ["image", "audio", "chat", "chat_add_message"];

    /// <summary>
    /// The outcome when this class decides the call (one of its modes, or a missing upload); otherwise
    /// <see langword="null"/> and the common modes apply.
    /// </summary>
    public static GradioOutcome? TryRun(GradioEndpoint endpoint, JsonArray inputs, SimulatedFiles? files)
    {
        var simulation = endpoint.Simulation;
        if (simulation?["requires_upload"] is JsonValue flag && flag.TryGetValue<bool>(out var required) && required && files is not null)
        {
            for (var i = 0; i < endpoint.Parameters.Count && i < inputs.Count; i++)
            {
                if (IsFileParameter(endpoint.Parameters[i]) && !files.IsUploaded(inputs[i]))
                {
                    // Gradio fails a file input it cannot find before the function runs (a plain error, hidden unless show_error).
                    return new GradioOutcome(null, $"File {Describe(inputs[i])} was not uploaded to this app (POST /upload first).", IsGrError: false);
                }
            }
        }

        switch (endpoint.Mode)
        {
            case "image" when files is not null:
                var width = Number(simulation, "width", 64);
                var height = Number(simulation, "height", 64);
                var seed = inputs.Count > 0 ? (inputs[0]?.ToJsonString().Length ?? 0) : 0;
                return Single(files.Store(TinyMedia.Png(width, height, seed), "image.png", "image/png"));
            case "audio" when files is not null:
                var seconds = Number(simulation, "seconds", 1);
                return Single(files.Store(TinyMedia.Wav(seconds), "audio.wav", "audio/wav"));
            case "chat":
                return Chat(inputs, streamed: endpoint.IsGenerator);
            case "chat_add_message":
                var text = inputs.Count > 0 && inputs[0] is JsonValue v && v.TryGetValue<string>(out var s) ? s : string.Empty;
                var history = inputs.Count > 1 && inputs[1] is JsonArray previous ? (JsonArray)previous.DeepClone() : [];
                history.Add((JsonNode)new JsonObject { ["role"] = "user", ["content"] = text });
                return new GradioOutcome(new JsonArray(JsonValue.Create(string.Empty), history), null, false);
            default:
                return null;
        }
    }

    private static GradioOutcome Chat(JsonArray inputs, bool streamed)
    {
        if (inputs.Count == 0 || inputs[0] is not JsonArray messages || messages.Count == 0 ||
            messages[^1] is not JsonObject last || last["role"]?.GetValue<string>() is not "user")
        {
            return new GradioOutcome(null, "the conversation must end with a user message", IsGrError: true);
        }

        var reply = (JsonArray)messages.DeepClone();
        var content = last["content"] is JsonValue value && value.TryGetValue<string>(out var said) ? said : "your message";
        // A streamed reply is its chunks alone (GradioStream appends them).
        reply.Add((JsonNode)new JsonObject { ["role"] = "assistant", ["content"] = streamed ? string.Empty : "[simulated reply to: " + content + "]" });
        return new GradioOutcome(new JsonArray(reply), null, false);
    }

    private static GradioOutcome Single(JsonObject file) => new(new JsonArray(file), null, false);

    private static bool IsFileParameter(JsonNode? parameter) =>
        parameter?["component"]?.GetValue<string>() is "Image" or "Audio" or "File" or "Video";

    private static int Number(JsonObject? simulation, string name, int fallback) =>
        simulation?[name] is JsonValue value && value.TryGetValue<int>(out var number) && number is > 0 and <= 4096 ? number : fallback;

    private static string Describe(JsonNode? input)
    {
        var text = input?.ToJsonString() ?? "null";
        return text.Length <= 120 ? text : string.Create(CultureInfo.InvariantCulture, $"{text[..120]}…");
    }
}
