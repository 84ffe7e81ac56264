namespace SpaceFactory.Phases.Generation;

/// <summary>The example input a generated app shows and its validation sends.</summary>
/// <param name="Text">The main text input (a prompt, a sentence, a question).</param>
/// <param name="Context">The context passage for question answering.</param>
/// <param name="CandidateLabels">Candidate labels for zero-shot classification.</param>
public sealed record ProbeExample(string Text, string? Context = null, IReadOnlyList<string>? CandidateLabels = null)
{
    /// <summary>Sentences to compare with <see cref="Text"/> (sentence similarity).</summary>
    public IReadOnlyList<string>? Sentences { get; init; }
}
