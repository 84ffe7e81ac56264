using System.Text.Json;

namespace SpaceFactory.Hf.Gradio;

/// <summary>One update of a streamed call: the outputs at that point.</summary>
/// <param name="Kind">Intermediate or final.</param>
/// <param name="Outputs">The outputs, one per return component.</param>
public sealed record GradioUpdate(GradioUpdateKind Kind, IReadOnlyList<JsonElement> Outputs);
