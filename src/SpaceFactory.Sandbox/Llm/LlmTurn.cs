namespace SpaceFactory.Sandbox.Llm;

/// <summary>
/// One answer of the scripted LLM. Text and arguments may hold <c>{{key}}</c> slots, filled from lines
/// <c>key: value</c> of the conversation's user messages (so one script serves any run's names and paths).
/// </summary>
public abstract record LlmTurn
{
    private LlmTurn()
    {
    }

    /// <summary>A final text answer (<c>finish_reason: stop</c>).</summary>
    /// <param name="Content">The text.</param>
    public sealed record Text(string Content) : LlmTurn;

    /// <summary>A call of one of the agent's tools (<c>finish_reason: tool_calls</c>).</summary>
    /// <param name="Name">The tool, e.g. <c>edit</c> or <c>bash</c>.</param>
    /// <param name="ArgumentsJson">The arguments as a JSON object text.</param>
    public sealed record ToolCall(string Name, string ArgumentsJson) : LlmTurn;

    /// <summary>An HTTP error with an OpenAI-style body <c>{"error":{"message":…}}</c>.</summary>
    /// <param name="Status">The status code, e.g. 401.</param>
    /// <param name="Message">The error message.</param>
    public sealed record HttpError(int Status, string Message) : LlmTurn;

    /// <summary>Accepts the request and never answers (until the client gives up): a hung model.</summary>
    public sealed record Hang : LlmTurn;
}
