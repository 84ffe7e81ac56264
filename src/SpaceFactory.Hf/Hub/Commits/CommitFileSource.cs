using System.Runtime.InteropServices;

namespace SpaceFactory.Hf.Hub;

/// <summary>The content of an added file: bytes in memory, a local file or a stream factory, opened as often as needed.</summary>
internal sealed class CommitFileSource
{
    private readonly Func<Stream> _open;

    private CommitFileSource(Func<Stream> open, long? length)
    {
        _open = open;
        KnownLength = length;
    }

    /// <summary>The length when known without reading the content.</summary>
    public long? KnownLength { get; }

    public static CommitFileSource FromMemory(ReadOnlyMemory<byte> content) =>
        MemoryMarshal.TryGetArray(content, out var segment)
            ? new CommitFileSource(() => new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false), content.Length)
            : FromMemory(content.ToArray());

    public static CommitFileSource FromFile(string path, long length) =>
        new(() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan), length);

    public static CommitFileSource FromFactory(Func<Stream> open, long? length) => new(open, length);

    /// <summary>Opens the content from its start.</summary>
    public Stream Open() => _open() ?? throw new InvalidOperationException("The stream factory of a commit file returned null.");
}
