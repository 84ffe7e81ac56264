using System.Globalization;

namespace SpaceFactory.Phases.Validation;

/// <summary>Audio: the returned file is WAV, FLAC or MP3 (by its header) and lasts longer than zero seconds.</summary>
public sealed class AudioFileCheck : FileOutputCheck
{
    /// <inheritdoc />
    public override string Kind => "audio_file";

    /// <inheritdoc />
    public override string Description => "a WAV, FLAC or MP3 file with a duration above zero";

    /// <inheritdoc />
    public override string DefaultExtension => ".audio";

    /// <inheritdoc />
    public override (OutputCheckResult Result, string Extension) EvaluateContent(ReadOnlySpan<byte> content)
    {
        if (!AudioHeader.TryRead(content, out var format, out var seconds))
        {
            return (OutputCheckResult.Fail($"the returned file ({content.Length} bytes) is not a readable WAV, FLAC or MP3 file"), DefaultExtension);
        }

        var extension = "." + format.ToLowerInvariant();
        var duration = seconds.ToString("0.###", CultureInfo.InvariantCulture);
        return seconds > 0
            ? (OutputCheckResult.Pass($"{duration} s of {format} audio ({content.Length} bytes)"), extension)
            : (OutputCheckResult.Fail($"the {format} file holds no audio (duration {duration} s)"), extension);
    }
}
