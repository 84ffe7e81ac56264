namespace SpaceFactory.Sandbox.Llm;

/// <summary>What the scripted LLM saw of one <c>/v1/chat/completions</c> request (for tests).</summary>
/// <param name="Model">The requested model id.</param>
/// <param name="Stream">Whether the client asked for a stream.</param>
/// <param name="User">The Sandbox user the bearer token belongs to.</param>
/// <param name="MessageRoles">The roles of the messages, in order.</param>
/// <param name="Tools">The names of the tools offered to the model.</param>
/// <param name="TurnIndex">The script turn answered.</param>
public sealed record LlmRequestRecord(string Model, bool Stream, string User, IReadOnlyList<string> MessageRoles, IReadOnlyList<string> Tools, int TurnIndex);
