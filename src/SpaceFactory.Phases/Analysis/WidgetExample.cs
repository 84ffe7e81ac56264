namespace SpaceFactory.Phases.Analysis;

/// <summary>One entry of a model card's <c>widget</c> list (untrusted data from the card).</summary>
/// <param name="Text">The <c>text</c> of the entry.</param>
/// <param name="Context">The <c>context</c> (question answering).</param>
/// <param name="CandidateLabels">The <c>candidate_labels</c> (zero-shot classification).</param>
public sealed record WidgetExample(string? Text, string? Context = null, IReadOnlyList<string>? CandidateLabels = null);
