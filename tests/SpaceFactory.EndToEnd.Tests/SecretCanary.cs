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

        var needle = Encoding.UTF8.GetBytes(Token);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var content = File.ReadAllBytes(file);
            files++;
            bytes += content.Length;
            if (content.AsSpan().IndexOf(needle) >= 0)
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
        if (!text.Contains(Token, StringComparison.Ordinal))
        {
            return false;
        }

        Interlocked.Increment(ref _hits);
        return true;
    }
}
