using System.Security.Cryptography;
using System.Text;

namespace SpaceFactory.Hf.Jobs;

/// <summary>The default Job name of the official Python client (≥ 1.25): sanitised image name + 8 hex of a hash of the invocation.</summary>
internal static class JobNaming
{
    /// <summary>
    /// <c>python:3.12</c> + <c>["python","-c","print('hi')"]</c> → <c>python-3-12-5c1fcc4a</c>: the last image component
    /// (or the Space id) with every character outside <c>[A-Za-z0-9_-]</c> replaced by <c>-</c>, then the first 8 hex
    /// digits of SHA-256 over the image and command joined by NUL.
    /// </summary>
    public static string DefaultName(JobImage image, IReadOnlyList<string> command)
    {
        var reference = image.Reference;
        string baseName;
        if (image.SpaceId is { } space)
        {
            baseName = space.ToString();
        }
        else
        {
            var trimmed = reference.TrimEnd('/');
            var last = trimmed[(trimmed.LastIndexOf('/') + 1)..];
            baseName = last.Length == 0 ? reference : last;
        }

        var hash = ShortHash([reference, .. command]);
        var sanitized = Sanitize(baseName);

        // Keep the label within the Hub's 100-character limit.
        var room = JobSpecValidator.MaxLabelLength - hash.Length - 1;
        return (sanitized.Length > room ? sanitized[..room] : sanitized) + "-" + hash;
    }

    private static string Sanitize(string name) =>
        string.Create(name.Length, name, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '-';
            }
        });

    private static string ShortHash(IEnumerable<string> parts)
    {
        var bytes = Encoding.UTF8.GetBytes(string.Join('\0', parts));
        return Convert.ToHexStringLower(SHA256.HashData(bytes))[..8];
    }
}
