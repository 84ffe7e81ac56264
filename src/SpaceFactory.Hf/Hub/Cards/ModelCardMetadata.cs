using System.Text.Json;

namespace SpaceFactory.Hf.Hub;

/// <summary>
/// The front matter of a model card, typed for the keys the Hub defines and raw (<see cref="Raw"/>) for the rest.
/// Keys that may be a string or a list (<c>language</c>, <c>base_model</c>, <c>datasets</c>, <c>tags</c>) are lists.
/// </summary>
public sealed class ModelCardMetadata
{
    /// <summary>Metadata of a card without (or with unreadable) front matter.</summary>
    public static ModelCardMetadata Empty { get; } = new();

    /// <summary>License id, e.g. <c>apache-2.0</c>, <c>mit</c>, <c>other</c> (<c>license</c>).</summary>
    public string? License { get; init; }

    /// <summary>Name of a custom license (<c>license_name</c>).</summary>
    public string? LicenseName { get; init; }

    /// <summary>Languages, e.g. <c>en</c> (<c>language</c>, a string or a list).</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>The library, e.g. <c>transformers</c> (<c>library_name</c>).</summary>
    public string? LibraryName { get; init; }

    /// <summary>The task, e.g. <c>text-generation</c> (<c>pipeline_tag</c>).</summary>
    public string? PipelineTag { get; init; }

    /// <summary>Tags (<c>tags</c>).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Models this one derives from (<c>base_model</c>, a string or a list).</summary>
    public IReadOnlyList<string> BaseModels { get; init; } = [];

    /// <summary>Training datasets (<c>datasets</c>).</summary>
    public IReadOnlyList<string> Datasets { get; init; } = [];

    /// <summary>Metrics (<c>metrics</c>).</summary>
    public IReadOnlyList<string> Metrics { get; init; } = [];

    /// <summary>Inference widget examples (<c>widget</c>).</summary>
    public IReadOnlyList<ModelCardWidgetExample> Widget { get; init; } = [];

    /// <summary>Evaluation results (<c>model-index</c>), raw.</summary>
    public JsonElement? ModelIndex { get; init; }

    /// <summary>The whole front matter as a JSON object (YAML 1.2 core scalars: strings, numbers, booleans, null).</summary>
    public JsonElement? Raw { get; init; }
}
