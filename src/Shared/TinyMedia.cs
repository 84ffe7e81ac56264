using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace SpaceFactory;

/// <summary>
/// Small, valid media files made in code (no imaging or audio library): a PNG colour gradient, an RGBA box mask and a WAV sine tone.
/// One source file, compiled into the factory (probe inputs) and the Sandbox (simulated outputs).
/// </summary>
internal static class TinyMedia
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>An 8-bit RGB PNG of <paramref name="width"/> × <paramref name="height"/> pixels; <paramref name="seed"/> shifts the colours.</summary>
    public static byte[] Png(int width, int height, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var raw = new byte[height * ((width * 3) + 1)];
        var i = 0;
        for (var y = 0; y < height; y++)
        {
            raw[i++] = 0; // filter: none
            for (var x = 0; x < width; x++)
            {
                raw[i++] = (byte)((x * 255 / width) + seed);
                raw[i++] = (byte)((y * 255 / height) + (seed * 3));
                raw[i++] = (byte)(128 + (seed * 7));
            }
        }

        return Encode(width, height, colourType: 2, raw);
    }

    /// <summary>
    /// An 8-bit RGBA PNG mask as Gradio's AnnotatedImage draws a box: transparent outside, red at half opacity inside,
    /// opaque red on a border of <paramref name="border"/> pixels.
    /// </summary>
    public static byte[] BoxMaskPng(int width, int height, int xmin, int ymin, int xmax, int ymax, int border = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var raw = new byte[height * ((width * 4) + 1)];
        var i = 0;
        for (var y = 0; y < height; y++)
        {
            raw[i++] = 0; // filter: none
            for (var x = 0; x < width; x++)
            {
                var inside = x >= xmin && x < xmax && y >= ymin && y < ymax;
                var edge = inside && (x < xmin + border || x >= xmax - border || y < ymin + border || y >= ymax - border);
                raw[i++] = (byte)(inside ? 255 : 0);
                raw[i++] = 0;
                raw[i++] = 0;
                raw[i++] = (byte)(edge ? 255 : inside ? 127 : 0);
            }
        }

        return Encode(width, height, colourType: 6, raw);
    }

    private static byte[] Encode(int width, int height, byte colourType, byte[] raw)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = colourType; // 2: RGB, 6: RGBA
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A mono 16-bit PCM WAV of a sine tone.</summary>
    public static byte[] Wav(double seconds = 1.0, int sampleRate = 16000, double frequency = 440)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(seconds, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        var samples = (int)(seconds * sampleRate);
        var wav = new byte[44 + (samples * 2)];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(wav, 0);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), wav.Length - 8);
        Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(wav, 8);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 16);
        Encoding.ASCII.GetBytes("data").CopyTo(wav, 36);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), samples * 2);
        for (var n = 0; n < samples; n++)
        {
            var value = (short)(short.MaxValue * 0.3 * Math.Sin(2 * Math.PI * frequency * n / sampleRate));
            BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(44 + (n * 2)), value);
        }

        return wav;
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        var crc = Crc32(Crc32(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(number, crc);
        png.Write(number);
    }

    private static uint Crc32(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
