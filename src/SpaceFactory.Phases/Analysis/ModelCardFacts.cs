namespace SpaceFactory.Phases.Analysis;

/// <summary>What the model card's front matter says, as far as the analysis uses it. All of it is untrusted data.</summary>
public sealed record ModelCardFacts
{
    /// <summary>No card, or a card without metadata.</summary>
    public static ModelCardFacts Empty { get; } = new();

    /// <summary>Whether the repository has a README at all.</summary>
    public bool Exists { get; init; }

    /// <summary>The <c>license</c> field.</summary>
    public string? License { get; init; }

    /// <summary>The <c>language</c> field (a string or a list in the card).</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>The <c>library_name</c> field.</summary>
    public string? LibraryName { get; init; }

    /// <summary>The <c>pipeline_tag</c> field.</summary>
    public string? PipelineTag { get; init; }

    /// <summary>The <c>widget</c> entries, in order.</summary>
    public IReadOnlyList<WidgetExample> Widget { get; init; } = [];

    /// <summary>Why the front matter could not be read (malformed YAML), when it could not.</summary>
    public string? MetadataError { get; init; }

    /// <summary>Whether the card was cut at the size limit before analysis.</summary>
    public bool Truncated { get; init; }
}
