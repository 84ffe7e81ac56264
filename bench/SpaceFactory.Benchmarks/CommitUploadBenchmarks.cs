using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;

namespace SpaceFactory.Benchmarks;

/// <summary>
/// Throughput of <see cref="HubClient.CreateCommitAsync"/> for one large file through the whole client pipeline
/// (DI, auth handler, resilience, streamed content) into an in-process handler that discards request bodies:
/// "regular" base64-streams the file into the NDJSON commit, "lfs" hashes it (SHA-256) and PUTs it raw.
/// Run: dotnet run -c Release --project bench/SpaceFactory.Benchmarks -- --filter '*CommitUpload*'
/// </summary>
[MemoryDiagnoser]
public class CommitUploadBenchmarks
{
    private ServiceProvider _provider = null!;
    private HubClient _client = null!;
    private CommitOperation _operation = null!;

    [Params(256)]
    public int SizeMiB { get; set; }

    [Params("regular", "lfs")]
    public string Mode { get; set; } = "regular";

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        var handler = new DiscardingHubHandler(Mode);
        services.AddHttpClient(nameof(HubClient)).ConfigurePrimaryHttpMessageHandler(() => handler);
        services.AddHttpClient(HfServiceCollectionExtensions.StreamingClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        services.AddHuggingFace(o =>
        {
            o.Endpoint = new Uri("http://hub.bench");
            o.Token = "hf_benchmarktoken000000000000000";
        });
        _provider = services.BuildServiceProvider();
        _client = _provider.GetRequiredService<HubClient>();
        var size = SizeMiB * 1024L * 1024;
        _operation = CommitOperation.AddFile("big.bin", () => new PatternStream(size), size);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider.Dispose();
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"// {Mode} {SizeMiB} MiB: peak working set {process.PeakWorkingSet64 / (1024 * 1024)} MiB");
    }

    [Benchmark]
    public Task<CommitInfo> Commit() => _client.CreateCommitAsync(RepoId.Parse("bench/big"), RepoType.Model, "bench", [_operation]);

    /// <summary>Answers like the Hub and drops request bodies as they are written.</summary>
    private sealed class DiscardingHubHandler(string mode) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (path.EndsWith("/preupload/main", StringComparison.Ordinal))
            {
                return Json(request, $$"""{"files":[{"path":"big.bin","uploadMode":"{{mode}}","shouldIgnore":false} ]}""");
            }

            if (path.EndsWith("/objects/batch", StringComparison.Ordinal))
            {
                using var batch = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken));
                var item = batch.RootElement.GetProperty("objects")[0];
                return Json(request, $$"""
                    {"objects":[{"oid":"{{item.GetProperty("oid").GetString()}}","size":{{item.GetProperty("size").GetInt64()}},
                      "actions":{"upload":{"href":"http://storage.bench/put"} } } ]}
                    """);
            }

            if (request.Content is not null)
            {
                await request.Content.CopyToAsync(Stream.Null, cancellationToken);
            }

            return path.Contains("/commit/", StringComparison.Ordinal)
                ? Json(request, """{"commitOid":"855efb9561990d02233a49204227f93ba5cfaa81","commitUrl":"http://hub.bench/bench/big/commit/855efb9561990d02233a49204227f93ba5cfaa81"}""")
                : new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request };
        }

        private static HttpResponseMessage Json(HttpRequestMessage request, string body) => new(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
    }

    /// <summary>A non-seekable stream of a repeated pseudo-random pattern: content without memory.</summary>
    private sealed class PatternStream(long length) : Stream
    {
        private static readonly byte[] Pattern = [.. Enumerable.Range(0, 65_537).Select(i => (byte)((i * 2_654_435_761L) >> 13))];
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var total = (int)Math.Min(buffer.Length, length - _position);
            for (var written = 0; written < total;)
            {
                var start = (int)(_position % Pattern.Length);
                var n = Math.Min(total - written, Pattern.Length - start);
                Pattern.AsSpan(start, n).CopyTo(buffer[written..]);
                written += n;
                _position += n;
            }

            return total;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
