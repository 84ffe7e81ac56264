using System.Net;
using System.Text;

namespace SpaceFactory.Hf.Tests.Gradio;

/// <summary>
/// Answers the requests whose path ends with <paramref name="pathSuffix"/> with a body that never ends: an optional
/// head, then <paramref name="pattern"/> over and over, generated as it is read (nothing is held in memory). Each read
/// may move a fake clock (a server that trickles or sends heartbeats at a pace). Other requests go to the server.
/// </summary>
internal sealed class EndlessBodyHandler(string pathSuffix, string contentType, string head, string pattern, int bytesPerRead = 16 * 1024, Action? onRead = null) : DelegatingHandler
{
    private EndlessStream? _stream;

    /// <summary>Bytes the client read from the endless body.</summary>
    public long BytesRead => _stream?.BytesRead ?? 0;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.RequestUri!.AbsolutePath.EndsWith(pathSuffix, StringComparison.Ordinal))
        {
            return base.SendAsync(request, cancellationToken);
        }

        _stream = new EndlessStream(Encoding.UTF8.GetBytes(head), Encoding.UTF8.GetBytes(pattern), bytesPerRead, onRead);
        var content = new StreamContent(_stream);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }

    private sealed class EndlessStream(byte[] head, byte[] pattern, int bytesPerRead, Action? onRead) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Fill(buffer.AsSpan(offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(Fill(buffer.Span));
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Fill(Span<byte> buffer)
        {
            onRead?.Invoke();
            var count = Math.Min(buffer.Length, bytesPerRead);
            for (var i = 0; i < count; i++, BytesRead++)
            {
                buffer[i] = BytesRead < head.Length ? head[BytesRead] : pattern[(BytesRead - head.Length) % pattern.Length];
            }

            return count;
        }
    }
}
