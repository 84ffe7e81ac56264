namespace SpaceFactory.Phases.Analysis;

/// <summary>One entry of a model card's <c>widget</c> list (untrusted data from the card).</summary>
/// <param name="Text">The <c>text</c> of the entry.</param>
/// <param name="Context">The <c>context</c> (question answering).</param>
/// <param name="CandidateLabels">The <c>candidate_labels</c> (zero-shot classification).</param>
public sealed record WidgetExample(string? Text, string? Context = null, IReadOnlyList<string>? CandidateLabels = null)
{
    /// <summary>The <c>src</c> of the entry: an example image or recording's URL (image and audio tasks).</summary>
    public string? Source { get; init; }

    /// <summary>The <c>source_sentence</c> (sentence similarity).</summary>
    public string? SourceSentence { get; init; }

    /// <summary>The <c>sentences</c> to compare (sentence similarity).</summary>
    public IReadOnlyList<string>? Sentences { get; init; }

    /// <summary>The first user message's content of the entry's <c>messages</c> (chat models).</summary>
    public string? UserMessage { get; init; }
}
