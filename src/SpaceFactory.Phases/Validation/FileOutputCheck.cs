using System.Text.Json;

namespace SpaceFactory.Phases.Validation;

/// <summary>
/// An output that is a file (a Gradio <c>FileData</c>: <c>{"path", "url", …}</c>). The JSON must reference a file; the
/// validation then downloads it (bounded by <see cref="MaxBytes"/>), stores it with the run and judges its bytes with
/// <see cref="EvaluateContent"/>.
/// </summary>
public abstract class FileOutputCheck : OutputCheck
{
    /// <summary>Largest file downloaded for a check: 64 MiB.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>The extension the file is stored under when its bytes name no format, e.g. <c>.png</c>.</summary>
    public abstract string DefaultExtension { get; }

    /// <summary>Judges the downloaded file.</summary>
    /// <param name="content">The file's bytes.</param>
    /// <returns>The verdict and the extension its format uses (<c>.png</c>, <c>.wav</c>...).</returns>
    public abstract (OutputCheckResult Result, string Extension) EvaluateContent(ReadOnlySpan<byte> content);

    /// <summary>
    /// The file references (<c>FileData</c> objects) the validation downloads and judges with
    /// <see cref="EvaluateContent"/>, once the JSON passed; by default the first output.
    /// </summary>
    /// <param name="outputs">The outputs, which passed <see cref="OutputCheck.Evaluate"/>.</param>
    /// <returns>The files, first the main one.</returns>
    public virtual IReadOnlyList<JsonElement> FileReferences(IReadOnlyList<JsonElement> outputs)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        return [outputs[0]];
    }

    /// <summary>Whether <paramref name="value"/> references a file: an object with a non-empty <c>url</c> or <c>path</c>.</summary>
    /// <param name="value">A JSON value.</param>
    /// <returns><see langword="true"/> for a <c>FileData</c>-like object.</returns>
    protected static bool IsFileReference(JsonElement value) =>
        value.ValueKind == JsonValueKind.Object &&
        ((value.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String && url.GetString()!.Length > 0) ||
         (value.TryGetProperty("path", out var path) && path.ValueKind == JsonValueKind.String && path.GetString()!.Length > 0));

    /// <inheritdoc />
    protected override OutputCheckResult EvaluateFirst(JsonElement output) =>
        IsFileReference(output)
            ? OutputCheckResult.Pass("a file reference")
            : OutputCheckResult.Fail($"expected a file (an object with 'path' or 'url'), got {Show(output)}");
}
