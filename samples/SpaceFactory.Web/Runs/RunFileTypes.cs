using SpaceFactory.Core;

namespace SpaceFactory.Web.Runs;

/// <summary>
/// How a run file is served: media under <c>artifacts/</c> with its own type (shown inline by &lt;img&gt; and
/// &lt;audio&gt;), everything else as plain text. SVG is never served as an image: it can carry script.
/// </summary>
internal static class RunFileTypes
{
    private static readonly Dictionary<string, (string ContentType, string Kind)> Media = new(StringComparer.OrdinalIgnoreCase)
    {
        [".png"] = ("image/png", "image"),
        [".jpg"] = ("image/jpeg", "image"),
        [".jpeg"] = ("image/jpeg", "image"),
        [".webp"] = ("image/webp", "image"),
        [".gif"] = ("image/gif", "image"),
        [".wav"] = ("audio/wav", "audio"),
        [".mp3"] = ("audio/mpeg", "audio"),
        [".flac"] = ("audio/flac", "audio"),
        [".ogg"] = ("audio/ogg", "audio"),
    };

    /// <summary>The content type to serve <paramref name="path"/> with.</summary>
    public static string ContentType(string path) =>
        IsArtifact(path) && Media.TryGetValue(Path.GetExtension(path), out var media) ? media.ContentType : "text/plain; charset=utf-8";

    /// <summary><c>image</c> or <c>audio</c> for media artifacts, else null.</summary>
    public static string? MediaKind(string path) =>
        IsArtifact(path) && Media.TryGetValue(Path.GetExtension(path), out var media) ? media.Kind : null;

    /// <summary>The app URL of a run file, each segment escaped.</summary>
    public static string Url(RunId runId, string path) =>
        $"/runs/{Uri.EscapeDataString(runId.Value)}/files/{string.Join('/', path.Split('/').Select(Uri.EscapeDataString))}";

    private static bool IsArtifact(string path) => path.StartsWith("artifacts/", StringComparison.Ordinal);
}
