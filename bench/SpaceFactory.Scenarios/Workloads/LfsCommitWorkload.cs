using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Hub;
using SpaceFactory.Scenarios.Servers;

namespace SpaceFactory.Scenarios.Workloads;

/// <summary>
/// P4: <see cref="HubClient.CreateCommitAsync"/> of one large file through the LFS path (preupload says <c>lfs</c>,
/// SHA-256, batch, one basic PUT, commit) to a local server that answers like the Hub and drains the PUT. The file
/// is a real file on disk (in the page cache after it is written); the client runs in a child process.
/// </summary>
internal static class LfsCommitWorkload
{
    private const double BudgetFloorRatio = 0.8;
    private const double BudgetRssMiB = 55;

    public static async Task<ScenarioResult> RunAsync(ScenarioOptions options, CancellationToken cancellationToken)
    {
        var result = new ScenarioResult("P4", $"commit of {options.P4Bytes / (1024.0 * 1024):0.#} MiB through LFS incl. SHA-256 >= {BudgetFloorRatio}x the (hash-only + raw PUT) floor, peak RSS <= {BudgetRssMiB} MiB");
        var received = new StrongBox<long>();
        await using var server = options.Url is null ? await StartServerAsync(received, cancellationToken).ConfigureAwait(false) : null;
        var target = options.Url ?? server!.Endpoint;
        if (options.NoChild)
        {
            result.ReadChild((await ClientAsync(target, options.P4Bytes, cancellationToken).ConfigureAwait(false)).ToJson());
            result.Note = "in-process (--no-child): the RSS includes the runner";
        }
        else
        {
            await ChildProcess.RunAsync(result, "P4", target, options, token: null, binary: null, cancellationToken).ConfigureAwait(false);
            if (options.Native is { } native)
            {
                var aot = new ScenarioResult("P4", string.Empty);
                await ChildProcess.RunAsync(aot, "P4", target, options, token: null, binary: native, cancellationToken).ConfigureAwait(false);
                result.Extra["native_bytes_per_s"] = aot.BytesPerSecond ?? 0;
                result.Extra["native_floor_ratio"] = aot.Extra.GetValueOrDefault("floor_ratio");
                result.Extra["native_peak_rss_mib"] = aot.PeakRssMiB ?? 0;
            }
        }

        // Every run (warm-up, measured, raw PUT; each child) must have delivered every byte.
        var runs = options.NoChild || options.Native is null ? 1 : 2;
        if (server is not null && received.Value != runs * 3 * options.P4Bytes)
        {
            throw new InvalidOperationException($"The server received {received.Value} bytes, expected {runs * 3 * options.P4Bytes}.");
        }

        result.Met = result.Extra.GetValueOrDefault("floor_ratio") >= BudgetFloorRatio && result.PeakRssMiB <= BudgetRssMiB;
        if (result.Extra.TryGetValue("native_peak_rss_mib", out var nativeRss))
        {
            // Measured in both builds: met when the native build (the CLI and the Job worker) meets both halves.
            result.Met = result.Extra.GetValueOrDefault("native_floor_ratio") >= BudgetFloorRatio && nativeRss <= BudgetRssMiB;
        }
        if (options.Url is not null)
        {
            result.Note = "against " + options.Url.Authority;
        }

        return result;
    }

    /// <summary>The server alone (<c>serve p4</c>): answers preupload, LFS batch and commit like the Hub and drains the PUTs.</summary>
    public static async Task<LocalServer> StartServerAsync(StrongBox<long> received, CancellationToken cancellationToken) =>
        await LocalServer.StartAsync(async context => Interlocked.Add(ref received.Value, await ServeAsync(context).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The client side: a warm-up commit, then the measured one, of the same file; then the floor: SHA-256 of the file
    /// alone and the same PUT made bare (one <see cref="HttpClient"/>, a 1 MiB copy buffer).
    /// </summary>
    public static async Task<ScenarioResult> ClientAsync(Uri target, long bytes, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"spacefactory-p4-{Environment.ProcessId}.bin");
        await WriteFileAsync(path, bytes, cancellationToken).ConfigureAwait(false);
        try
        {
            var services = new ServiceCollection();
            services.AddHuggingFace(o =>
            {
                o.Endpoint = target;
                o.Token = "hf_scenario_p4_test_token_00000";
            });
            await using var provider = services.BuildServiceProvider();
            var hub = provider.GetRequiredService<HubClient>();
            var repo = RepoId.Parse("bench/big");
            await hub.CreateCommitAsync(repo, RepoType.Model, "warm-up", [CommitOperation.AddLocalFile("big.bin", path)], cancellationToken: cancellationToken).ConfigureAwait(false);
            var rssBefore = Stats.RssMiB();
            var cpuBefore = Stats.CpuMs();
            var started = Stopwatch.GetTimestamp();
            await hub.CreateCommitAsync(repo, RepoType.Model, "bench", [CommitOperation.AddLocalFile("big.bin", path)], cancellationToken: cancellationToken).ConfigureAwait(false);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpuMs = Stats.CpuMs() - cpuBefore;
            var peakRss = Stats.PeakRssMiB();
            var hashOnly = await LfsFloor.HashOnlyAsync(path, cancellationToken).ConfigureAwait(false);
            var rawPut = await LfsFloor.RawPutAsync(new Uri(target, "lfs-storage/floor"), path, cancellationToken).ConfigureAwait(false);
            var figures = new ScenarioResult("P4", string.Empty)
            {
                Runs = 1,
                MedianMs = seconds * 1000,
                BytesPerSecond = bytes / seconds,
                PeakRssMiB = peakRss,
            };
            figures.Extra["cpu_ms"] = cpuMs;
            figures.Extra["bytes_per_cpu_s"] = bytes / (cpuMs / 1000);
            figures.Extra["rss_before_mib"] = rssBefore;
            figures.Extra["commit_s"] = seconds;
            figures.Extra["hash_only_s"] = hashOnly;
            figures.Extra["raw_put_s"] = rawPut;
            figures.Extra["floor_s"] = hashOnly + rawPut;
            figures.Extra["floor_ratio"] = (hashOnly + rawPut) / seconds;
            return figures;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Pseudo-random content (incompressible, not all one byte), written in 1 MiB blocks.</summary>
    private static async Task WriteFileAsync(string path, long bytes, CancellationToken cancellationToken)
    {
        var block = new byte[1024 * 1024];
        new Random(42).NextBytes(block);
        var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            for (var written = 0L; written < bytes; written += block.Length)
            {
                block[0]++;
                await file.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, bytes - written)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Answers like the Hub; returns how many LFS bytes the request carried.</summary>
    private static async Task<long> ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var ct = context.RequestAborted;
        if (path.Contains("/preupload/", StringComparison.Ordinal))
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"files":[{"path":"big.bin","uploadMode":"lfs","shouldIgnore":false}]}""", ct).ConfigureAwait(false);
            return 0;
        }

        if (path.EndsWith("/objects/batch", StringComparison.Ordinal))
        {
            using var batch = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: ct).ConfigureAwait(false);
            var item = batch.RootElement.GetProperty("objects")[0];
            var href = new Uri(new Uri($"{context.Request.Scheme}://{context.Request.Host}"), "/lfs-storage/" + item.GetProperty("oid").GetString());
            var answer = "{\"transfer\":\"basic\",\"objects\":[{\"oid\":\"" + item.GetProperty("oid").GetString() + "\",\"size\":" + item.GetProperty("size").GetInt64().ToString(CultureInfo.InvariantCulture)
                + ",\"actions\":{\"upload\":{\"href\":\"" + href.AbsoluteUri + "\"}}}]}";
            context.Response.ContentType = "application/vnd.git-lfs+json";
            await context.Response.WriteAsync(answer, ct).ConfigureAwait(false);
            return 0;
        }

        if (path.StartsWith("/lfs-storage/", StringComparison.Ordinal))
        {
            var buffer = new byte[256 * 1024];
            long total = 0;
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return total;
        }

        if (path.Contains("/commit/", StringComparison.Ordinal))
        {
            await context.Request.Body.CopyToAsync(Stream.Null, ct).ConfigureAwait(false);
            context.Response.ContentType = "application/json";
            var origin = $"{context.Request.Scheme}://{context.Request.Host}";
            await context.Response.WriteAsync($$"""{"commitOid":"855efb9561990d02233a49204227f93ba5cfaa81","commitUrl":"{{origin}}/bench/big/commit/855efb9561990d02233a49204227f93ba5cfaa81"}""", ct).ConfigureAwait(false);
            return 0;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return 0;
    }
}
