namespace SpaceFactory.Phases.Validation;

/// <summary>The small media files a probe can send: drawn and synthesised in code, never downloaded.</summary>
public static class ProbeMedia
{
    /// <summary>A 64 × 64 RGB gradient PNG.</summary>
    public const string Png = "png";

    /// <summary>A one-second 440 Hz tone, 16 kHz mono 16-bit WAV.</summary>
    public const string Wav = "wav";

    /// <summary>The file name and bytes for <paramref name="kind"/>.</summary>
    /// <param name="kind">A media kind of this class.</param>
    /// <returns>The file.</returns>
    /// <exception cref="ArgumentException">The kind is unknown.</exception>
    public static (string FileName, byte[] Content) Create(string kind) => kind switch
    {
        Png => ("probe.png", TinyMedia.Png(64, 64)),
        Wav => ("probe.wav", TinyMedia.Wav()),
        _ => throw new ArgumentException($"'{kind}' is not a probe media kind; use '{Png}' or '{Wav}'.", nameof(kind)),
    };
}
