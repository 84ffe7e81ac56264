using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Hub;

/// <summary>How Transformers loads a model (<c>transformersInfo</c> of model info).</summary>
public sealed class TransformersInfo
{
    /// <summary>The auto class, e.g. <c>AutoModelForCausalLM</c> (<c>auto_model</c>).</summary>
    [JsonPropertyName("auto_model")]
    public string? AutoModel { get; init; }

    /// <summary>A custom class shipped with the model (<c>custom_class</c>).</summary>
    [JsonPropertyName("custom_class")]
    public string? CustomClass { get; init; }

    /// <summary>The pipeline task (<c>pipeline_tag</c>).</summary>
    [JsonPropertyName("pipeline_tag")]
    public string? PipelineTag { get; init; }

    /// <summary>The processor class, e.g. <c>AutoTokenizer</c>.</summary>
    [JsonPropertyName("processor")]
    public string? Processor { get; init; }
}
