using System.Security.Cryptography;

namespace SpaceFactory.Sandbox.Infrastructure;

/// <summary>Random identifiers shaped like the Hub's (24-hex object ids, 32-hex event ids, fake tokens).</summary>
internal static class HexIds
{
    private const string TokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A lowercase hex string of <paramref name="length"/> characters.</summary>
    public static string New(int length)
    {
        Span<byte> bytes = stackalloc byte[(length + 1) / 2];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToHexStringLower(bytes)[..length];
    }

    /// <summary>A fake token, <c>hf_sandbox_</c> followed by 32 random letters and digits.</summary>
    public static string NewToken() => "hf_sandbox_" + RandomNumberGenerator.GetString(TokenAlphabet, 32);
}
