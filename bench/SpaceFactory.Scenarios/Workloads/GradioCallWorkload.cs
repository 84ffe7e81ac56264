using System.Diagnostics;
using System.Text.Json;
using SpaceFactory.Hf.Gradio;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Scenarios.Servers;

namespace SpaceFactory.Scenarios.Workloads;

/// <summary>
/// P3: <see cref="GradioClient.CallAsync"/> (POST <c>/call</c> + SSE result) against the Sandbox's Gradio-protocol app,
/// N sequential calls, next to the protocol floor: the same two requests made bare over one kept-alive connection.
/// SDK and floor calls alternate so that both see the same machine. A third series, the stack floor, sends the floor's
/// two requests through the SDK's own Gradio <see cref="HttpClient"/>s (the same handler chain, resilience pipeline and
/// two connection pools): stack floor − floor is what the HTTP stack adds, SDK − stack floor what the client adds.
/// The floors send the SDK's requests byte for byte (its headers: <c>X-HF-Authorization</c>, <c>User-Agent</c>,
/// <c>Content-Type: application/json</c>, <c>Accept: text/event-stream</c> on the stream). All three series are
/// measured in steady state: after <see cref="Warmup"/> calls each and a pause in which the JIT finishes compiling the
/// code those calls made hot (tier 1, compiled in the background after a 100 ms quiet spell), as the floor's framework
/// code is precompiled. A validation's first calls in a cold process are P1's first run.
/// </summary>
internal static class GradioCallWorkload
{
    private const double RatioBudget = 1.2;
    private const int Warmup = 300;

    /// <summary>Longer than the JIT's call-counting delay (100 ms) plus its background compiles of the warm-up's hot code.</summary>
    private static readonly TimeSpan TieringPause = TimeSpan.FromMilliseconds(500);

    private static readonly byte[] FloorBody = """{"data":["Hello"]}"""u8.ToArray();

    public static async Task<ScenarioResult> RunAsync(ScenarioOptions options, CancellationToken cancellationToken)
    {
        var result = new ScenarioResult("P3", $"{options.P3Calls} calls: p50 <= {RatioBudget}x protocol floor p50");
        if (options.GradioUrl is { } app)
        {
            // A Gradio app named directly (--gradio-url / GRADIO_URL): no Hub, no Space to create.
            await using var direct = HubTarget.Connect(sandbox: null, options.Url ?? app, options.Token ?? string.Empty);
            var client = await direct.Gradio.ConnectAsync(app, new GradioConnectOptions { Token = options.Token }, cancellationToken).ConfigureAwait(false);
            await MeasureAsync(result, client, direct.HttpClients, options.Token, options.P3Calls, cancellationToken).ConfigureAwait(false);
            result.Note = "against " + app.Authority;
            return result;
        }

        await using var target = await HubTarget.StartAsync(options, TimeSpan.Zero, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        var user = (await target.Hub.WhoAmIAsync(cancellationToken).ConfigureAwait(false)).Name;
        var space = RepoId.Parse($"{user}/scenario-p3-{Guid.NewGuid().ToString("N")[..8]}");
        await target.Hub.CreateRepoAsync(space, RepoType.Space, new CreateRepoOptions { Sdk = "gradio" }, cancellationToken).ConfigureAwait(false);
        try
        {
            await target.Hub.CreateCommitAsync(space, RepoType.Space, "Add the app", HubTarget.SpaceFiles(), cancellationToken: cancellationToken).ConfigureAwait(false);
            var gradio = await target.Gradio.ConnectToSpaceAsync(space, new GradioConnectOptions { Token = target.Token }, cancellationToken).ConfigureAwait(false);
            await MeasureAsync(result, gradio, target.HttpClients, target.Token, options.P3Calls, cancellationToken).ConfigureAwait(false);
            return result;
        }
        finally
        {
            await target.Hub.DeleteRepoAsync(space, RepoType.Space, missingOk: true, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>SDK calls alternating with floor calls to the same app.</summary>
    private static async Task MeasureAsync(
        ScenarioResult result, GradioClient gradio, IHttpClientFactory httpClients, string? token, int calls, CancellationToken cancellationToken)
    {
        var host = new Uri(gradio.App.BaseUrl.AbsoluteUri.TrimEnd('/') + "/" + gradio.App.ApiPrefix.Trim('/') + "/");
        using var bare = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) }) { BaseAddress = host };
        var stackPost = httpClients.CreateClient(GradioClientFactory.ClientName);
        var stackStream = httpClients.CreateClient(GradioClientFactory.StreamClientName);
        stackPost.BaseAddress = host;
        stackStream.BaseAddress = host;
        var userAgent = Hf.Http.HfUserAgent.Build(null);
        foreach (var client in (HttpClient[])[bare, stackPost, stackStream])
        {
            if (!string.IsNullOrEmpty(token))
            {
                client.DefaultRequestHeaders.TryAddWithoutValidation("X-HF-Authorization", "Bearer " + token);
            }

            client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent);
        }

        IReadOnlyList<JsonElement> inputs = [GradioValue.Text("Hello")];

        var sdk = new List<double>();
        var floor = new List<double>();
        var stack = new List<double>();
        for (var call = -Warmup; call < calls; call++)
        {
            var started = Stopwatch.GetTimestamp();
            await FloorCallAsync(bare, bare, cancellationToken).ConfigureAwait(false);
            var floorMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            started = Stopwatch.GetTimestamp();
            await FloorCallAsync(stackPost, stackStream, cancellationToken).ConfigureAwait(false);
            var stackMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            started = Stopwatch.GetTimestamp();
            var answer = await gradio.CallAsync("/generate", inputs, cancellationToken: cancellationToken).ConfigureAwait(false);
            var sdkMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (answer.Outputs.Count != 1)
            {
                throw new InvalidOperationException("The call returned no output.");
            }

            if (call == -1)
            {
                await Task.Delay(TieringPause, cancellationToken).ConfigureAwait(false);
            }

            if (call >= 0)
            {
                sdk.Add(sdkMs);
                floor.Add(floorMs);
                stack.Add(stackMs);
            }
        }

        result.Runs = sdk.Count;
        result.MedianMs = Stats.Median(sdk);
        result.P95Ms = Stats.Percentile(sdk, 95);
        var floorMedian = Stats.Median(floor);
        result.Extra["floor_median_ms"] = floorMedian;
        result.Extra["floor_p95_ms"] = Stats.Percentile(floor, 95);
        result.Extra["ratio_to_floor"] = result.MedianMs.Value / floorMedian;
        var stackMedian = Stats.Median(stack);
        result.Extra["stack_floor_median_ms"] = stackMedian;
        result.Extra["http_stack_ms"] = stackMedian - floorMedian;
        result.Extra["client_ms"] = result.MedianMs.Value - stackMedian;
        result.Met = result.MedianMs <= RatioBudget * floorMedian;
    }

    /// <summary>The protocol floor: POST the inputs, read the event id, GET the SSE result to its end.</summary>
    private static async Task FloorCallAsync(HttpClient http, HttpClient streams, CancellationToken cancellationToken)
    {
        using var body = new ByteArrayContent(FloorBody);
        body.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        using var post = await http.PostAsync("call/generate", body, cancellationToken).ConfigureAwait(false);
        post.EnsureSuccessStatusCode();
        var posted = await post.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var eventId = JsonDocument.Parse(posted).RootElement.GetProperty("event_id").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Get, "call/generate/" + eventId);
        request.Headers.TryAddWithoutValidation("Accept", "text/event-stream");
        using var sse = await streams.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        sse.EnsureSuccessStatusCode();
        var text = await sse.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!text.Contains("complete", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The floor call got no result.");
        }
    }
}
