namespace SpaceFactory.Phases.Validation;

/// <summary>Images: the returned file decodes as PNG, JPEG or WebP (by its header) with plausible dimensions.</summary>
public sealed class ImageFileCheck : FileOutputCheck
{
    /// <summary>Largest width or height accepted.</summary>
    public const int MaxDimension = 16384;

    /// <inheritdoc />
    public override string Kind => "image_file";

    /// <inheritdoc />
    public override string Description => $"a PNG, JPEG or WebP image between 1 and {MaxDimension} pixels on each side";

    /// <inheritdoc />
    public override string DefaultExtension => ".img";

    /// <inheritdoc />
    public override (OutputCheckResult Result, string Extension) EvaluateContent(ReadOnlySpan<byte> content)
    {
        if (!ImageHeader.TryRead(content, out var format, out var width, out var height))
        {
            return (OutputCheckResult.Fail($"the returned file ({content.Length} bytes) is not a readable PNG, JPEG or WebP image"), DefaultExtension);
        }

        var extension = "." + format.ToLowerInvariant();
        return width is < 1 or > MaxDimension || height is < 1 or > MaxDimension
            ? (OutputCheckResult.Fail($"the {format} image is {width}x{height} pixels, outside 1..{MaxDimension}"), extension)
            : (OutputCheckResult.Pass($"a {width}x{height} {format} image ({content.Length} bytes)"), extension);
    }
}
