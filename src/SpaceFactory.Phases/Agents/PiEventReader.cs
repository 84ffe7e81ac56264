using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SpaceFactory.Phases.Agents;

/// <summary>
/// Reads <c>pi --mode json</c> stdout, one JSON event per line: keeps the last assistant message's outcome and writes a
/// readable transcript. <c>message_update</c> events (the whole partial message, again and again) are skipped unparsed.
/// </summary>
internal sealed class PiEventReader
{
    private const int MaxExcerpt = 4000;
    private readonly StringBuilder _transcript = new();

    public string? StopReason { get; private set; }

    public string? ErrorMessage { get; private set; }

    public string? FinalText { get; private set; }

    public int ToolCalls { get; private set; }

    public string Transcript => _transcript.ToString();

    public void Note(string line) => _transcript.Append(line).Append('\n');

    public void Read(string line)
    {
        if (line.Length == 0 || line.StartsWith("{\"type\":\"message_update\"", StringComparison.Ordinal))
        {
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            Note("[stdout] " + Excerpt(line));
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            switch (String(root, "type"))
            {
                case "message_end" when root.TryGetProperty("message", out var message):
                    ReadMessage(message);
                    break;
                case "auto_retry_start":
                    Note(string.Create(CultureInfo.InvariantCulture, $"[retry] attempt {Number(root, "attempt")}/{Number(root, "maxAttempts")} in {Number(root, "delayMs")} ms: {Excerpt(String(root, "errorMessage") ?? string.Empty)}"));
                    break;
                case "session":
                    Note($"[session] {String(root, "id")}");
                    break;
            }
        }
    }

    private void ReadMessage(JsonElement message)
    {
        switch (String(message, "role"))
        {
            case "user":
                Note("[user] " + Excerpt(Texts(message)));
                break;
            case "assistant":
                StopReason = String(message, "stopReason");
                ErrorMessage = String(message, "errorMessage");
                FinalText = Texts(message);
                if (FinalText.Length > 0)
                {
                    Note("[assistant] " + Excerpt(FinalText));
                }

                foreach (var call in Contents(message).Where(c => string.Equals(String(c, "type"), "toolCall", StringComparison.Ordinal)))
                {
                    ToolCalls++;
                    Note($"[tool call] {String(call, "name")} {Excerpt(call.TryGetProperty("arguments", out var args) ? args.GetRawText() : "{}")}");
                }

                if (ErrorMessage is not null)
                {
                    Note("[error] " + Excerpt(ErrorMessage));
                }

                break;
            case "toolResult":
                var failed = message.TryGetProperty("isError", out var isError) && isError.ValueKind == JsonValueKind.True;
                Note($"[tool result{(failed ? ", error" : string.Empty)}] {String(message, "toolName")}: {Excerpt(Texts(message))}");
                break;
        }
    }

    private static JsonElement.ArrayEnumerator Contents(JsonElement message) =>
        message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array ? content.EnumerateArray() : default;

    private static string Texts(JsonElement message) =>
        message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String
            ? content.GetString() ?? string.Empty
            : string.Join("\n", Contents(message).Where(c => string.Equals(String(c, "type"), "text", StringComparison.Ordinal)).Select(c => String(c, "text")));

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetRawText() : "?";

    private static string Excerpt(string text) =>
        text.Length <= MaxExcerpt ? text : string.Concat(text.AsSpan(0, MaxExcerpt), $"… ({text.Length - MaxExcerpt} more characters)");
}
