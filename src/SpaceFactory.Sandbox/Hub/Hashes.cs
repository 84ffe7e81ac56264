using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SpaceFactory.Sandbox.Hub;

/// <summary>Content hashes the Hub exposes (SHA-256 for LFS, git blob SHA-1 for regular files).</summary>
internal static class Hashes
{
    public static string Sha256Hex(Func<Stream> open)
    {
        using var stream = open();
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static string Sha256Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static string GitBlobOid(ReadOnlySpan<byte> data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        hash.AppendData(Encoding.ASCII.GetBytes("blob " + data.Length.ToString(CultureInfo.InvariantCulture) + "\0"));
        hash.AppendData(data);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static string GitBlobOid(Func<Stream> open, long size)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        hash.AppendData(Encoding.ASCII.GetBytes("blob " + size.ToString(CultureInfo.InvariantCulture) + "\0"));
        using var stream = open();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            hash.AppendData(buffer.AsSpan(0, read));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>A 40-hex commit id from the commit's inputs.</summary>
    public static string CommitOid(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..40];
}
