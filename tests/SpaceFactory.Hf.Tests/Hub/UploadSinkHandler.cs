using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SpaceFactory.Hf.Tests.Hub;

/// <summary>
/// The network end of the large-upload tests: answers preupload, LFS batch, verify and commit like the Hub, and
/// consumes request bodies as they are written (counting bytes, base64-decoding the commit's file line and hashing
/// the content) without holding them, so the measured memory is the client's alone.
/// </summary>
internal sealed class UploadSinkHandler(string uploadMode) : HttpMessageHandler
{
    public const string StorageHost = "storage.test";

    public long CommitBodyBytes { get; private set; }

    public string? CommitFileSha256 { get; private set; }

    public string? CommitLfsLine { get; private set; }

    public long PutBytes { get; private set; }

    public string? PutSha256 { get; private set; }

    public bool PutHadAuthorization { get; private set; }

    public bool Verified { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var path = uri.AbsolutePath;
        if (path.EndsWith("/preupload/main", StringComparison.Ordinal))
        {
            return Json($$"""{"files":[{"path":"big.bin","uploadMode":"{{uploadMode}}","shouldIgnore":false} ]}""");
        }

        if (path.EndsWith("/info/lfs/objects/batch", StringComparison.Ordinal))
        {
            using var batch = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
            var oid = batch.RootElement.GetProperty("objects")[0].GetProperty("oid").GetString();
            var size = batch.RootElement.GetProperty("objects")[0].GetProperty("size").GetInt64();
            return Json($$"""
                {"objects":[{"oid":"{{oid}}","size":{{size}},"actions":{"upload":{"href":"http://{{StorageHost}}/upload/{{oid}}"},
                  "verify":{"href":"{{uri.GetLeftPart(UriPartial.Authority)}}/verify"} } } ]}
                """);
        }

        if (uri.Host == StorageHost && request.Method == HttpMethod.Put)
        {
            PutHadAuthorization = request.Headers.Authorization is not null;
            var sink = new HashingSink();
            await request.Content!.CopyToAsync(sink, cancellationToken);
            (PutBytes, PutSha256) = (sink.Count, sink.Finish());
            return new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request };
        }

        if (path == "/verify")
        {
            Verified = true;
            return Json("{}");
        }

        if (path.EndsWith("/commit/main", StringComparison.Ordinal))
        {
            var sink = new NdjsonCommitSink();
            await request.Content!.CopyToAsync(sink, cancellationToken);
            CommitBodyBytes = sink.Count;
            CommitFileSha256 = sink.FileSha256;
            CommitLfsLine = sink.LfsLine;
            return Json("""{"success":true,"commitOid":"855efb9561990d02233a49204227f93ba5cfaa81","commitUrl":"https://huggingface.co/testuser/big/commit/855efb9561990d02233a49204227f93ba5cfaa81"}""");
        }

        return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };

        HttpResponseMessage Json(string body) => new(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
    }

    /// <summary>A write-only stream that counts and hashes what it is given.</summary>
    private class HashingSink : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public long Count { get; protected set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Count;

        public override long Position
        {
            get => Count;
            set => throw new NotSupportedException();
        }

        public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Count += buffer.Length;
            Consume(buffer);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected virtual void Consume(ReadOnlySpan<byte> data) => _hash.AppendData(data);

        protected void Hash(ReadOnlySpan<byte> data) => _hash.AppendData(data);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>
    /// Reads an NDJSON commit body as it streams: finds the <c>"content":"</c> of the file line, base64-decodes the
    /// content in chunks and hashes it; keeps short lines (the lfsFile line) as text.
    /// </summary>
    private sealed class NdjsonCommitSink : HashingSink
    {
        private static readonly byte[] Marker = "\"content\":\""u8.ToArray();
        private readonly byte[] _pending = new byte[64 * 1024];
        private readonly byte[] _decoded = new byte[48 * 1024];
        private readonly StringBuilder _line = new();
        private int _matched;
        private int _pendingCount;
        private bool _inContent;
        private bool _sawFile;

        public string? FileSha256 { get; private set; }

        public string? LfsLine { get; private set; }

        protected override void Consume(ReadOnlySpan<byte> data)
        {
            foreach (var b in data)
            {
                if (_inContent)
                {
                    if (b == (byte)'"')
                    {
                        Decode(final: true);
                        _inContent = false;
                        FileSha256 = Finish();
                        continue;
                    }

                    _pending[_pendingCount++] = b;
                    if (_pendingCount == _pending.Length)
                    {
                        Decode(final: false);
                    }

                    continue;
                }

                // Outside file contents: keep the (short) line text and look for the content marker.
                if (b == (byte)'\n')
                {
                    var line = _line.ToString();
                    if (line.Contains("\"lfsFile\"", StringComparison.Ordinal))
                    {
                        LfsLine = line;
                    }

                    _line.Clear();
                }
                else if (_line.Length < 4096)
                {
                    _line.Append((char)b);
                }

                _matched = b == Marker[_matched] ? _matched + 1 : b == Marker[0] ? 1 : 0;
                if (_matched == Marker.Length && !_sawFile)
                {
                    _matched = 0;
                    _inContent = true;
                    _sawFile = true;
                }
            }
        }

        private void Decode(bool final)
        {
            var usable = final ? _pendingCount : _pendingCount - (_pendingCount % 4);
            var status = Base64.DecodeFromUtf8(_pending.AsSpan(0, usable), _decoded, out var consumed, out var written, isFinalBlock: final);
            if (status == OperationStatus.InvalidData || consumed != usable)
            {
                throw new InvalidDataException($"The commit's file content is not valid base64 ({status}).");
            }

            Hash(_decoded.AsSpan(0, written));
            _pending.AsSpan(usable, _pendingCount - usable).CopyTo(_pending);
            _pendingCount -= usable;
        }
    }
}
