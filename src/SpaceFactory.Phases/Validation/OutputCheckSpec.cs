namespace SpaceFactory.Phases.Validation;

/// <summary>An <see cref="OutputCheck"/> as data, so that a probe can be recorded and restored on resume.</summary>
/// <param name="Kind">The check's <see cref="OutputCheck.Kind"/>.</param>
/// <param name="Text">The prompt or expected text, for checks that have one.</param>
/// <param name="Labels">The allowed labels, for label checks that restrict them.</param>
/// <param name="Dimensions">The embedding length, for an embedding check that knows the model's.</param>
public sealed record OutputCheckSpec(string Kind, string? Text = null, IReadOnlyList<string>? Labels = null, int? Dimensions = null)
{
    /// <summary>The spec of <paramref name="check"/>.</summary>
    /// <param name="check">A check.</param>
    /// <returns>Its data.</returns>
    public static OutputCheckSpec From(OutputCheck check) => check switch
    {
        StartsWithPromptCheck c => new(c.Kind, c.Prompt),
        ExactTextCheck c => new(c.Kind, c.Expected),
        LabelScoresCheck c => new(c.Kind, Labels: c.AllowedLabels),
        EmbeddingCheck c => new(c.Kind, Dimensions: c.ExpectedDimensions),
        null => throw new ArgumentNullException(nameof(check)),
        _ => new(check.Kind),
    };

    /// <summary>The check this spec describes.</summary>
    /// <returns>The check.</returns>
    /// <exception cref="InvalidOperationException">The kind is unknown or lacks its text.</exception>
    public OutputCheck ToCheck() => Kind switch
    {
        "starts_with_prompt" => new StartsWithPromptCheck(Text ?? throw Missing()),
        "exact_text" => new ExactTextCheck(Text ?? throw Missing()),
        "label_with_scores" => new LabelScoresCheck(Labels),
        "non_empty_text" => new NonEmptyTextCheck(),
        "entity_list" => new EntityListCheck(),
        "answer_span" => new AnswerSpanCheck(),
        "embedding_vector" => new EmbeddingCheck(Dimensions),
        "chat_messages" => new ChatMessagesCheck(),
        "image_file" => new ImageFileCheck(),
        "audio_file" => new AudioFileCheck(),
        "annotated_boxes" => new AnnotatedImageCheck(withBoxes: true),
        "annotated_masks" => new AnnotatedImageCheck(withBoxes: false),
        _ => throw new InvalidOperationException($"Unknown output check kind '{Kind}'."),
    };

    private InvalidOperationException Missing() => new($"The output check '{Kind}' needs its text.");
}
