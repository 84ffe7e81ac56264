using System.Buffers.Binary;

namespace SpaceFactory.Phases.Validation;

/// <summary>Reads an audio file's format and duration from its header (WAV chunks, FLAC STREAMINFO, MP3 frame header).</summary>
internal static class AudioHeader
{
    private static readonly int[] Mpeg1Layer3Kbps = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0];

    public static bool TryRead(ReadOnlySpan<byte> data, out string format, out double seconds)
    {
        (format, seconds) = (string.Empty, 0);
        if (data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            format = "WAV";
            return TryReadWav(data, out seconds);
        }

        if (data.Length >= 26 && data[..4].SequenceEqual("fLaC"u8) && (data[4] & 0x7F) == 0)
        {
            // STREAMINFO: sample rate (20 bits) at byte 18, then channels, bits per sample and 36 bits of total samples.
            var rate = (data[18] << 12) | (data[19] << 4) | (data[20] >> 4);
            var total = ((long)(data[21] & 0x0F) << 32) | BinaryPrimitives.ReadUInt32BigEndian(data[22..]);
            (format, seconds) = ("FLAC", rate > 0 ? (double)total / rate : 0);
            return rate > 0;
        }

        return TryReadMp3(data, out format, out seconds);
    }

    private static bool TryReadWav(ReadOnlySpan<byte> data, out double seconds)
    {
        seconds = 0;
        var byteRate = 0;
        var i = 12;
        while (i + 8 <= data.Length)
        {
            var id = data.Slice(i, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(data[(i + 4)..]);
            if (id.SequenceEqual("fmt "u8) && i + 20 <= data.Length)
            {
                byteRate = BinaryPrimitives.ReadInt32LittleEndian(data[(i + 16)..]);
            }
            else if (id.SequenceEqual("data"u8))
            {
                // A streamed WAV may declare 0 or 0xFFFFFFFF: count the bytes actually present then.
                var available = data.Length - (i + 8);
                long bytes = size is 0 or uint.MaxValue || size > available ? available : size;
                seconds = byteRate > 0 ? (double)bytes / byteRate : 0;
                return byteRate > 0;
            }

            i += 8 + (int)Math.Min(size + (size & 1), int.MaxValue - i - 8);
        }

        return false;
    }

    /// <summary>MPEG-1 Layer III after an optional ID3v2 tag; the duration is estimated from the first frame's bit rate.</summary>
    private static bool TryReadMp3(ReadOnlySpan<byte> data, out string format, out double seconds)
    {
        (format, seconds) = ("MP3", 0);
        var start = 0;
        if (data.Length >= 10 && data[..3].SequenceEqual("ID3"u8))
        {
            start = 10 + ((data[6] & 0x7F) << 21 | (data[7] & 0x7F) << 14 | (data[8] & 0x7F) << 7 | (data[9] & 0x7F));
        }

        if (start + 4 > data.Length || data[start] != 0xFF || (data[start + 1] & 0xFE) != 0xFA)
        {
            return false;
        }

        var kbps = Mpeg1Layer3Kbps[data[start + 2] >> 4];
        seconds = kbps > 0 ? (data.Length - start) * 8.0 / (kbps * 1000) : 0;
        return kbps > 0;
    }
}
