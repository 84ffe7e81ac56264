using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Gradio;

/// <summary>The <c>meta</c> of a <see cref="GradioFileData"/>.</summary>
public sealed record GradioFileMeta
{
    /// <summary>Always <c>gradio.FileData</c>.</summary>
    [JsonPropertyName("_type")]
    public string Type { get; init; } = "gradio.FileData";
}
