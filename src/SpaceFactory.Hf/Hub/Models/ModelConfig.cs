using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Hub;

/// <summary>The part of a model's configuration the Hub extracts (<c>config</c> of model info).</summary>
public sealed class ModelConfig
{
    /// <summary>Model classes, e.g. <c>GPT2LMHeadModel</c>.</summary>
    [JsonPropertyName("architectures")]
    public IReadOnlyList<string>? Architectures { get; init; }

    /// <summary>The model type, e.g. <c>gpt2</c> (<c>model_type</c>).</summary>
    [JsonPropertyName("model_type")]
    public string? ModelType { get; init; }

    /// <summary>Every other configuration key, raw (tokenizer settings, chat template, quantisation…).</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
