using System.Text.Json;

namespace SpaceFactory.Phases.Validation;

/// <summary>
/// Chat: a list of messages (<c>{"role", "content"}</c>) ending with a non-empty assistant reply. The content may be a
/// string or a list of content blocks with <c>text</c> (newer Gradio chatbots).
/// </summary>
public sealed class ChatMessagesCheck : OutputCheck
{
    /// <inheritdoc />
    public override string Kind => "chat_messages";

    /// <inheritdoc />
    public override string Description => "chat messages ending with a non-empty assistant reply";

    /// <inheritdoc />
    protected override OutputCheckResult EvaluateFirst(JsonElement output)
    {
        if (output.ValueKind != JsonValueKind.Array || output.GetArrayLength() == 0)
        {
            return OutputCheckResult.Fail($"expected a non-empty list of messages, got {Show(output)}");
        }

        foreach (var message in output.EnumerateArray())
        {
            if (message.ValueKind != JsonValueKind.Object || !message.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String)
            {
                return OutputCheckResult.Fail($"a message has no role: {Show(message)}");
            }
        }

        var last = output[output.GetArrayLength() - 1];
        if (!string.Equals(last.GetProperty("role").GetString(), "assistant", StringComparison.Ordinal))
        {
            return OutputCheckResult.Fail($"the last message is not the assistant's: {Show(last)}");
        }

        var reply = last.TryGetProperty("content", out var content) ? Text(content) : null;
        return string.IsNullOrWhiteSpace(reply)
            ? OutputCheckResult.Fail($"the assistant's reply is empty: {Show(last)}")
            : OutputCheckResult.Pass($"{output.GetArrayLength()} messages, the assistant replied {reply.Length} characters");
    }

    private static string? Text(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString(),
        JsonValueKind.Object => content.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null,
        JsonValueKind.Array => string.Concat(content.EnumerateArray().Select(Text)),
        _ => null,
    };
}
