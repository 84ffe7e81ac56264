using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpaceFactory.Hf.Gradio;

/// <summary>Source-generated JSON for the Gradio client.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GradioApiSchema))]
[JsonSerializable(typeof(GradioFileData))]
[JsonSerializable(typeof(List<GradioFileData>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class GradioJsonContext : JsonSerializerContext
{
    /// <summary>The same contracts, indented (for records people read).</summary>
    public static GradioJsonContext Indented { get; } = new(new JsonSerializerOptions { WriteIndented = true });
}
