namespace SpaceFactory.Sandbox.Llm;

/// <summary>
/// The turns the scripted LLM plays for one model id. The n-th request of a conversation (counted by the assistant
/// messages it already holds) gets turn n; after the last turn the model answers <see cref="Closing"/>.
/// </summary>
/// <param name="Turns">The answers, in order.</param>
public sealed record LlmScript(IReadOnlyList<LlmTurn> Turns)
{
    /// <summary>The text answered once the script ran out.</summary>
    public string Closing { get; init; } = "Done.";

    /// <summary>The turn for a conversation that already holds <paramref name="assistantMessages"/> answers.</summary>
    /// <param name="assistantMessages">How many assistant messages the request carries.</param>
    /// <returns>The turn to play.</returns>
    public LlmTurn TurnAt(int assistantMessages) =>
        assistantMessages < Turns.Count ? Turns[assistantMessages] : new LlmTurn.Text(Closing);
}
