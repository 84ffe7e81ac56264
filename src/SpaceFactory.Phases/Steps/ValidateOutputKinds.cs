using System.Text.Json;
using SpaceFactory.Hf.Gradio;
using SpaceFactory.Phases.Validation;

namespace SpaceFactory.Phases.Steps;

/// <summary>
/// The output types <c>validate-space</c> tells apart (<c>--expect text|image|audio|label|json|file</c>): what a Space's
/// schema declares for a return component, what a returned value is, and whether one satisfies the other.
/// </summary>
internal static class ValidateOutputKinds
{
    public const string Text = "text";
    public const string Image = "image";
    public const string Audio = "audio";
    public const string Label = "label";
    public const string Json = "json";
    public const string File = "file";

    public static readonly IReadOnlyList<string> All = [Text, Image, Audio, Label, Json, File];

    private static readonly Dictionary<string, string> Components = new(StringComparer.OrdinalIgnoreCase)
    {
        ["textbox"] = Text, ["text"] = Text, ["markdown"] = Text, ["html"] = Text, ["code"] = Text,
        ["image"] = Image, ["annotatedimage"] = Image, ["imageeditor"] = Image,
        ["audio"] = Audio,
        ["label"] = Label,
        ["json"] = Json, ["dataframe"] = Json, ["chatbot"] = Json, ["highlightedtext"] = Json,
        ["file"] = File, ["video"] = File, ["model3d"] = File, ["gallery"] = File, ["downloadbutton"] = File,
    };

    /// <summary>The type the schema declares for a return component, or null when its component is not one we know.</summary>
    public static string? Declared(GradioReturnSchema returned) =>
        returned.Component is { } component && Components.TryGetValue(component.Replace("_", string.Empty, StringComparison.Ordinal), out var kind)
            ? kind
            : returned.PythonType is "str" ? Text : null;

    /// <summary>The type of a returned value from its JSON alone (a file is refined by <see cref="OfFile"/> once downloaded).</summary>
    public static string Observed(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Text,
        JsonValueKind.Object when IsFile(value) => File,
        JsonValueKind.Object when value.TryGetProperty("label", out _) => Label,
        _ => Json,
    };

    /// <summary>Whether a value is a Gradio <c>FileData</c> (an object with a <c>path</c> or <c>url</c>).</summary>
    public static bool IsFile(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object &&
        ((value.TryGetProperty("path", out var path) && path.ValueKind == JsonValueKind.String) ||
         (value.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String));

    /// <summary>A downloaded file's type by its bytes, with the extension to store it under.</summary>
    public static (string Kind, string Extension) OfFile(ReadOnlySpan<byte> content)
    {
        if (ImageHeader.TryRead(content, out var imageFormat, out _, out _))
        {
            return (Image, "." + imageFormat.ToLowerInvariant());
        }

        return AudioHeader.TryRead(content, out var audioFormat, out _)
            ? (Audio, "." + audioFormat.ToLowerInvariant())
            : (File, ".bin");
    }

    /// <summary>Whether an observed type satisfies a wanted one: the same, or any file for <c>file</c>, or a label for <c>json</c>.</summary>
    public static bool Satisfies(string observed, string wanted) =>
        string.Equals(observed, wanted, StringComparison.Ordinal) ||
        (string.Equals(wanted, File, StringComparison.Ordinal) && observed is Image or Audio) ||
        (string.Equals(wanted, Json, StringComparison.Ordinal) && string.Equals(observed, Label, StringComparison.Ordinal));
}
