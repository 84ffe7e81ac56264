using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Gradio;

/// <summary>A file as Gradio passes it: an input after <c>UploadAsync</c>, or an output to download.</summary>
public sealed record GradioFileData
{
    /// <summary>The path on the app's server.</summary>
    [JsonPropertyName("path")]
    public required string Path { get; init; }

    /// <summary>Where to download it (outputs).</summary>
    [JsonPropertyName("url")]
    public string? Url { get; init; }

    /// <summary>The original file name.</summary>
    [JsonPropertyName("orig_name")]
    public string? OrigName { get; init; }

    /// <summary>Its size in bytes.</summary>
    [JsonPropertyName("size")]
    public long? Size { get; init; }

    /// <summary>Its MIME type.</summary>
    [JsonPropertyName("mime_type")]
    public string? MimeType { get; init; }

    /// <summary>The marker Gradio needs to treat the value as a file: <c>{"_type": "gradio.FileData"}</c>.</summary>
    [JsonPropertyName("meta")]
    public GradioFileMeta Meta { get; init; } = new();
}
