using System.Text.Json;

namespace SpaceFactory.Hf.Hub;

/// <summary>One inference widget example of a model card (<c>widget[]</c>).</summary>
public sealed class ModelCardWidgetExample
{
    /// <summary>The example input text (<c>text</c>).</summary>
    public string? Text { get; init; }

    /// <summary>The example's title (<c>example_title</c>).</summary>
    public string? ExampleTitle { get; init; }

    /// <summary>An input file URL for audio or image tasks (<c>src</c>).</summary>
    public string? Source { get; init; }

    /// <summary>The whole entry, raw (other task-specific keys such as <c>context</c> or <c>candidate_labels</c>).</summary>
    public JsonElement Raw { get; init; }
}
