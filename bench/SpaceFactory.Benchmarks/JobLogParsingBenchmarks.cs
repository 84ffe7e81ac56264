using System.Net;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Http;
using SpaceFactory.Hf.Jobs;

namespace SpaceFactory.Benchmarks;

/// <summary>
/// The Job log-stream parser on an in-memory SSE payload shaped like the Hub's (<c>data: {"data","timestamp"}</c> events,
/// a keep-alive every 1000 lines). Results are per line (OperationsPerInvoke): lines/s = 1 / Mean; "Allocated" is bytes
/// per line, the line's own string included.
/// </summary>
/// <remarks>Run: <c>dotnet run -c Release --project bench/SpaceFactory.Benchmarks -- --filter '*JobLog*'</c>.</remarks>
[MemoryDiagnoser]
public class JobLogParsingBenchmarks
{
    private const int Lines = 100_000;
    private byte[] _payload = [];
    private JobsClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        var builder = new StringBuilder();
        var t0 = new DateTimeOffset(2025, 7, 22, 16, 6, 31, TimeSpan.Zero);
        for (var i = 0; i < Lines; i++)
        {
            if (i % 1000 == 999)
            {
                builder.Append(": keep-alive\n\n");
            }

            // Typical training/app log line lengths (40-90 characters) with ms timestamps.
            builder.Append("data: {\"data\": \"step ").Append(i).Append(" | loss=0.").Append(i % 9973)
                .Append(" lr=3e-4 tokens/s=12345 gpu_mem=14.2GB\", \"timestamp\": \"")
                .Append(t0.AddMilliseconds(i).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture))
                .Append("\"}\n\n");
        }

        _payload = Encoding.UTF8.GetBytes(builder.ToString());
        var handler = new PayloadHandler(_payload);
        var options = Options.Create(new HfClientOptions { Endpoint = new Uri("http://hub.bench/") });
        _client = new JobsClient(
            new HttpClient(handler) { BaseAddress = new Uri("http://hub.bench/") },
            new HfStreamingHttpClient(new HttpClient(handler) { BaseAddress = new Uri("http://hub.bench/") }, options));
    }

    /// <summary>The straightforward way: in-box SseParser, then a source-generated JsonSerializer DTO per event.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Lines)]
    public async Task<int> SseParserWithJsonSerializer()
    {
        var count = 0;
        var parser = SseParser.Create(new MemoryStream(_payload, writable: false), static (_, data) =>
            data.IsEmpty ? null : JsonSerializer.Deserialize(data, BenchJsonContext.Default.LogEventDto));
        await foreach (var item in parser.EnumerateAsync())
        {
            if (item.Data?.Data is not null)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The previous client path without HTTP: in-box SseParser framing + JobLogEventParser.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public async Task<int> SseParserWithJobLogEventParser()
    {
        var count = 0;
        await foreach (var item in SseParser.Create(new MemoryStream(_payload, writable: false), JobLogEventParser.ItemParser).EnumerateAsync())
        {
            count += item.Data.HasLine ? 1 : 0;
        }

        return count;
    }

    /// <summary>The client's reader without HTTP: framing and parsing in one pass over a PipeReader's buffers.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public async Task<int> JobLogEventReader_OnePass()
    {
        var count = 0;
        await using var events = JobLogStreamReader.EnumerateEvents(new MemoryStream(_payload, writable: false), "GET /bench", default);
        while (await events.MoveNextAsync())
        {
            count += events.Current.HasLine ? 1 : 0;
        }

        return count;
    }

    /// <summary>The whole client path: JobsClient.StreamLogsAsync over an in-memory HTTP handler (idle-timeout stream, dedup cursor included).</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public async Task<int> JobsClient_StreamLogsAsync()
    {
        var count = 0;
        await foreach (var line in _client.StreamLogsAsync("687fb701029421ae5549d998", owner: "bench"))
        {
            count += line.Text.Length > 0 ? 1 : 0;
        }

        return count;
    }

    private sealed class PayloadHandler(byte[] payload) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                RequestMessage = request,
                Content = new StreamContent(new MemoryStream(payload, writable: false), 16 * 1024),
            });
    }
}

/// <summary>The event shape for the baseline.</summary>
public sealed class LogEventDto
{
    [JsonPropertyName("data")]
    public string? Data { get; init; }

    [JsonPropertyName("timestamp")]
    public DateTimeOffset? Timestamp { get; init; }
}

[JsonSerializable(typeof(LogEventDto))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
