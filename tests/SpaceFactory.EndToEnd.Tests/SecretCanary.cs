using System.Text;

namespace SpaceFactory.EndToEnd.Tests;

/// <summary>
/// A recognisable fake token that every end-to-end test hands to the factory as its Hugging Face token, and the sweep
/// that proves it never lands in a file the suite wrote (records, logs, traces, reports, captured output).
/// </summary>
internal static class SecretCanary
{
    /// <summary>Shaped like a real user token so that shape-based redaction cannot be what saves it.</summary>
    public const string Token = "hf_CanaryTokenSpaceFactoryLeakCheck01";

    // The token as written and in the encodings a hostile agent could print it in: hex (both cases), base64 and
    // base64url at each of the three byte alignments (the middle characters, which do not depend on what surrounds it).
    // Its percent-encoding is the token itself (only unreserved characters).
    private static readonly string[] Forms = EncodedForms(Token);
    private static readonly byte[][] Needles = [.. Forms.Select(Encoding.UTF8.GetBytes)];

    private static long _filesSwept;
    private static long _bytesSwept;
    private static long _hits;

    /// <summary>Files swept so far in this test process.</summary>
    public static long FilesSwept => Interlocked.Read(ref _filesSwept);

    /// <summary>Bytes swept so far in this test process.</summary>
    public static long BytesSwept => Interlocked.Read(ref _bytesSwept);

    /// <summary>Files found holding the canary so far (0 is the promise).</summary>
    public static long Hits => Interlocked.Read(ref _hits);

    /// <summary>Every file under <paramref name="root"/> that holds the canary, counted in the suite's figures.</summary>
    public static IReadOnlyList<string> Sweep(string root)
    {
        var (leaks, files, bytes) = Find(root);
        Interlocked.Add(ref _filesSwept, files);
        Interlocked.Add(ref _bytesSwept, bytes);
        Interlocked.Add(ref _hits, leaks.Count);
        return leaks;
    }

    /// <summary>The files under <paramref name="root"/> holding the canary (relative paths), and how much was read.</summary>
    public static (IReadOnlyList<string> Leaks, long Files, long Bytes) Find(string root)
    {
        var leaks = new List<string>();
        long files = 0, bytes = 0;
        if (!Directory.Exists(root))
        {
            return (leaks, 0, 0);
        }

        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var content = File.ReadAllBytes(file);
            files++;
            bytes += content.Length;
            if (Needles.Any(needle => content.AsSpan().IndexOf(needle) >= 0))
            {
                leaks.Add(Path.GetRelativePath(root, file));
            }
        }

        return (leaks, files, bytes);
    }

    /// <summary>Counts captured text (process output, messages) in the sweep; true when it holds the canary.</summary>
    public static bool Leaks(string text)
    {
        Interlocked.Increment(ref _filesSwept);
        Interlocked.Add(ref _bytesSwept, Encoding.UTF8.GetByteCount(text));
        if (!Forms.Any(form => text.Contains(form, StringComparison.Ordinal)))
        {
            return false;
        }

        Interlocked.Increment(ref _hits);
        return true;
    }

    private static string[] EncodedForms(string token)
    {
        var bytes = Encoding.UTF8.GetBytes(token);
        var forms = new List<string> { token, Convert.ToHexStringLower(bytes), Convert.ToHexString(bytes) };
        for (var shift = 0; shift < 3; shift++)
        {
            var base64 = Convert.ToBase64String([.. new byte[shift], .. bytes]);
            var middle = base64[4..^4];
            forms.Add(middle);
            forms.Add(middle.Replace('+', '-').Replace('/', '_'));
        }

        return [.. forms.Distinct(StringComparer.Ordinal)];
    }
}
