using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SpaceFactory.Hf.Hub;

/// <summary>
/// The body of <c>POST /api/{type}s/{id}/commit/{revision}</c>: one JSON object per line (header, <c>file</c>,
/// <c>lfsFile</c>, <c>deletedFile</c>, <c>deletedFolder</c>), written while it is sent. File contents are read from
/// their source and base64-encoded in chunks, so a file is never held whole in memory.
/// </summary>
internal sealed class CommitNdjsonContent : HttpContent
{
    /// <summary>Bytes read from a source per chunk: a multiple of 3, so chunks encode to base64 without padding.</summary>
    private const int ReadChunk = 3 * 16 * 1024;

    private static readonly byte[] FilePrefix = """
        {"key":"file","value":{"content":"
        """u8.ToArray();

    private readonly List<Line> _lines = [];

    public CommitNdjsonContent(string summary, string description, string? parentCommit)
    {
        Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        _lines.Add(new Line(JsonLine(writer =>
        {
            writer.WriteString("key"u8, "header"u8);
            writer.WriteStartObject("value"u8);
            writer.WriteString("summary"u8, summary);
            writer.WriteString("description"u8, description);
            if (parentCommit is not null)
            {
                writer.WriteString("parentCommit"u8, parentCommit);
            }

            writer.WriteEndObject();
        })));
    }

    /// <summary>Adds a <c>file</c> line whose base64 content is streamed from <paramref name="source"/>.</summary>
    public void AddFile(string path, CommitFileSource source, long size)
    {
        var suffix = Encoding.UTF8.GetBytes($"\",\"path\":\"{JsonEncodedText.Encode(path)}\",\"encoding\":\"base64\"}}}}\n");
        _lines.Add(new Line(FilePrefix, path, source, size, suffix));
    }

    /// <summary>Adds an <c>lfsFile</c> line pointing at an uploaded LFS object.</summary>
    public void AddLfsFile(string path, string sha256, long size) => _lines.Add(new Line(JsonLine(writer =>
    {
        writer.WriteString("key"u8, "lfsFile"u8);
        writer.WriteStartObject("value"u8);
        writer.WriteString("path"u8, path);
        writer.WriteString("algo"u8, "sha256"u8);
        writer.WriteString("oid"u8, sha256);
        writer.WriteNumber("size"u8, size);
        writer.WriteEndObject();
    })));

    /// <summary>Adds a <c>deletedFile</c> or <c>deletedFolder</c> line.</summary>
    public void AddDeletion(string path, bool folder) => _lines.Add(new Line(JsonLine(writer =>
    {
        writer.WriteString("key"u8, folder ? "deletedFolder"u8 : "deletedFile"u8);
        writer.WriteStartObject("value"u8);
        writer.WriteString("path"u8, path);
        writer.WriteEndObject();
    })));

    /// <summary>Number of lines after the header.</summary>
    public int OperationCount => _lines.Count - 1;

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        foreach (var line in _lines)
        {
            length += line.Prefix.Length + (line.Source is null ? 0 : Base64Length(line.Size) + line.Suffix!.Length);
        }

        return true;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var input = ArrayPool<byte>.Shared.Rent(ReadChunk);
        var output = ArrayPool<byte>.Shared.Rent(Base64.GetMaxEncodedToUtf8Length(ReadChunk));
        try
        {
            foreach (var line in _lines)
            {
                await stream.WriteAsync(line.Prefix, cancellationToken).ConfigureAwait(false);
                if (line.Source is not null)
                {
                    await WriteBase64Async(stream, line, input, output, cancellationToken).ConfigureAwait(false);
                    await stream.WriteAsync(line.Suffix, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input);
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    private static long Base64Length(long size) => (size + 2) / 3 * 4;

    private static async Task WriteBase64Async(Stream destination, Line line, byte[] input, byte[] output, CancellationToken cancellationToken)
    {
        var source = line.Source!.Open();
        await using (source.ConfigureAwait(false))
        {
            long total = 0;
            var pending = 0;
            while (true)
            {
                var read = await source.ReadAsync(input.AsMemory(pending, ReadChunk - pending), cancellationToken).ConfigureAwait(false);
                total += read;
                if (total > line.Size)
                {
                    throw SizeChanged(line, total);
                }

                var available = pending + read;
                var final = read == 0;
                var encodable = final ? available : available - (available % 3);
                if (encodable > 0)
                {
                    Base64.EncodeToUtf8(input.AsSpan(0, encodable), output, out _, out var written, isFinalBlock: final);
                    await destination.WriteAsync(output.AsMemory(0, written), cancellationToken).ConfigureAwait(false);
                }

                if (final)
                {
                    break;
                }

                pending = available - encodable;
                if (pending > 0)
                {
                    input.AsSpan(encodable, pending).CopyTo(input);
                }
            }

            if (total != line.Size)
            {
                throw SizeChanged(line, total);
            }
        }
    }

    private static InvalidOperationException SizeChanged(Line line, long read) => new(
        $"The content of '{line.Path}' changed during the commit: {line.Size} bytes were announced, {(read > line.Size ? "more" : read.ToString(System.Globalization.CultureInfo.InvariantCulture))} were read.");

    private static byte[] JsonLine(Action<Utf8JsonWriter> writeProperties)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A line: fixed bytes, or fixed prefix + streamed base64 content + fixed suffix.</summary>
    private sealed record Line(byte[] Prefix, string? Path = null, CommitFileSource? Source = null, long Size = 0, byte[]? Suffix = null);
}
