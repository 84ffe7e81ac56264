using System.Text;

namespace SpaceFactory.Hf.Hub;

/// <summary>Decodes a README's bytes as UTF-8, dropping a byte-order mark and, when cut, a trailing partial character.</summary>
internal static class ModelCardText
{
    public static string Decode(ReadOnlySpan<byte> bytes, bool truncated)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        if (truncated)
        {
            bytes = bytes[..CompleteLength(bytes)];
        }

        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The length of <paramref name="bytes"/> without an incomplete UTF-8 sequence at its end.</summary>
    private static int CompleteLength(ReadOnlySpan<byte> bytes)
    {
        // Walk back over at most 3 continuation bytes to the lead byte and check its sequence fits.
        for (int i = bytes.Length - 1, back = 0; i >= 0 && back < 4; i--, back++)
        {
            var b = bytes[i];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            var needed = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
            return bytes.Length - i >= needed ? bytes.Length : i;
        }

        return bytes.Length;
    }
}
