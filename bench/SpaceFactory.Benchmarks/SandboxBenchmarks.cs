using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using SpaceFactory.Sandbox;

namespace SpaceFactory.Benchmarks;

/// <summary>
/// The Sandbox's own costs: an authenticated Hub call (the HTTP floor), a simulated Gradio <c>/call</c> round trip
/// (POST + SSE GET) and queue round trip (join + data), and a 256 MiB LFS PUT streamed to disk with SHA-256.
/// Run: dotnet run -c Release --project bench/SpaceFactory.Benchmarks -- --filter '*SandboxBenchmarks*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class SandboxBenchmarks : IDisposable
{
    private const int LfsBytes = 256 * 1024 * 1024;
    private const string Manifest = """
        {"schema_version": 1, "gradio_version": "6.25.0", "title": "bench",
         "info": {"named_endpoints": {"/generate": {"parameters": [{"label": "prompt", "parameter_name": "prompt", "parameter_has_default": false, "parameter_default": null, "type": {"type": "string"}, "python_type": {"type": "str", "description": ""}, "component": "Textbox", "example_input": "Hello!!"}],
                                                     "returns": [{"label": "out", "type": {"type": "string"}, "python_type": {"type": "str", "description": ""}, "component": "Textbox"}]}},
                  "unnamed_endpoints": {}},
         "simulation": {"/generate": {"mode": "echo_prefix", "suffix": " [simulated]"}}}
        """;

    private HfSandbox _sandbox = null!;
    private HttpClient _hub = null!;
    private HttpClient _app = null!;
    private byte[] _payload = null!;
    private string _storageUrl = "";
    private int _session;
    private string _logsUrl = "";

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _sandbox = await HfSandbox.StartAsync(new HfSandboxOptions { BuildDelay = TimeSpan.Zero, StartDelay = TimeSpan.Zero, CompileCheck = false, SeedModels = false });
        _hub = new HttpClient { BaseAddress = _sandbox.Endpoint };
        _hub.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _sandbox.DefaultToken);
        await _hub.PostAsync("/api/repos/create", new StringContent("""{"name":"bench","type":"space","sdk":"gradio","visibility":"public"}""", Encoding.UTF8, "application/json"));
        var commit = "{\"key\":\"header\",\"value\":{\"summary\":\"bench\"}}\n"
            + "{\"key\":\"file\",\"value\":{\"path\":\"app.py\",\"encoding\":\"base64\",\"content\":\"" + Convert.ToBase64String("print(1)\n"u8.ToArray()) + "\"}}\n"
            + "{\"key\":\"file\",\"value\":{\"path\":\"spacefactory_manifest.json\",\"encoding\":\"base64\",\"content\":\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(Manifest)) + "\"}}\n";
        await _hub.PostAsync("/api/spaces/sandbox-user/bench/commit/main", new StringContent(commit, Encoding.UTF8, "application/x-ndjson"));
        await _sandbox.Inspector.WaitForSpaceSettledAsync("sandbox-user/bench", CancellationToken.None);
        _app = new HttpClient { BaseAddress = _sandbox.Inspector.GetSpaceHost("sandbox-user/bench") };

        _payload = new byte[LfsBytes];
        new Random(1).NextBytes(_payload);
        var oid = Convert.ToHexStringLower(SHA256.HashData(_payload));
        var batch = "{\"operation\":\"upload\",\"transfers\":[\"basic\"],\"objects\":[{\"oid\":\"" + oid + "\",\"size\":" + LfsBytes + "}]}";
        await _hub.PostAsync("/api/repos/create", new StringContent("""{"name":"lfs","type":"model"}""", Encoding.UTF8, "application/json"));
        var answer = JsonNode.Parse(await (await _hub.PostAsync("/sandbox-user/lfs.git/info/lfs/objects/batch", new StringContent(batch, Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync())!;
        _storageUrl = answer["objects"]![0]!["actions"]!["upload"]!["href"]!.GetValue<string>();

        var job = JsonNode.Parse(await (await _hub.PostAsync("/api/jobs/sandbox-user", new StringContent("""{"command":["seq","1","1000000"],"dockerImage":"python:3.12"}""", Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync())!;
        var jobId = job["id"]!.GetValue<string>();
        await _sandbox.Inspector.WaitForJobAsync(jobId, CancellationToken.None);
        _logsUrl = "/api/jobs/sandbox-user/" + jobId + "/logs";
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        Dispose();
        await _sandbox.DisposeAsync();
    }

    public void Dispose()
    {
        _hub?.Dispose();
        _app?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public async Task<string> HubWhoAmI() => await _hub.GetStringAsync("/api/whoami-v2");

    [Benchmark]
    public async Task<string> GradioCallRoundTrip()
    {
        var post = await _app.PostAsync("/gradio_api/call/generate", new StringContent("""{"data":["Hello"]}""", Encoding.UTF8, "application/json"));
        var eventId = JsonNode.Parse(await post.Content.ReadAsStringAsync())!["event_id"]!.GetValue<string>();
        return await _app.GetStringAsync("/gradio_api/call/generate/" + eventId);
    }

    [Benchmark]
    public async Task<string> GradioQueueRoundTrip()
    {
        var session = "bench" + Interlocked.Increment(ref _session);
        await _app.PostAsync("/gradio_api/queue/join", new StringContent("{\"data\":[\"Hello\"],\"fn_index\":0,\"session_hash\":\"" + session + "\"}", Encoding.UTF8, "application/json"));
        return await _app.GetStringAsync("/gradio_api/queue/data?session_hash=" + session);
    }

    /// <summary>Streams the SSE log of a finished Job of 1,000,001 lines (banner + <c>seq 1 1000000</c>).</summary>
    [Benchmark]
    public async Task<long> JobLogs1MLines()
    {
        using var response = await _hub.GetAsync(_logsUrl, HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            total += read;
        }

        return total;
    }

    [Benchmark]
    public async Task<int> LfsPut256MiB()
    {
        using var content = new ByteArrayContent(_payload);
        using var response = await _hub.PutAsync(_storageUrl, content);
        return (int)response.StatusCode;
    }
}
