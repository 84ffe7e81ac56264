using System.Diagnostics;
using System.Globalization;
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
    private const double BudgetBytesPerSecond = 1L << 30;
    private const double BudgetRssMiB = 64;

    public static async Task<ScenarioResult> RunAsync(ScenarioOptions options, CancellationToken cancellationToken)
    {
        var result = new ScenarioResult("P4", $"commit of {options.P4Bytes / (1024.0 * 1024):0.#} MiB through LFS >= 1 GiB/s incl. SHA-256, peak RSS <= {BudgetRssMiB} MiB");
        var received = 0L;
        await using var server = await LocalServer.StartAsync(async context => received += await ServeAsync(context).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        if (options.NoChild)
        {
            result.ReadChild((await ClientAsync(server.Endpoint, options.P4Bytes, cancellationToken).ConfigureAwait(false)).ToJson());
            result.Note = "in-process (--no-child): the RSS includes the runner";
        }
        else
        {
            await ChildProcess.RunAsync(result, "P4", server.Endpoint, options, cancellationToken).ConfigureAwait(false);
        }

        // Both runs (warm-up and measured) must have delivered every byte.
        if (received != 2 * options.P4Bytes)
        {
            throw new InvalidOperationException($"The server received {received} bytes, expected {2 * options.P4Bytes}.");
        }

        result.Met = result.BytesPerSecond >= BudgetBytesPerSecond && result.PeakRssMiB <= BudgetRssMiB;
        return result;
    }

    /// <summary>The client side: a warm-up commit, then the measured one, of the same file.</summary>
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
                o.Token = "hf_scenario_p4_token_0000000000";
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
            var figures = new ScenarioResult("P4", string.Empty)
            {
                Runs = 1,
                MedianMs = seconds * 1000,
                BytesPerSecond = bytes / seconds,
                PeakRssMiB = Stats.PeakRssMiB(),
            };
            figures.Extra["cpu_ms"] = cpuMs;
            figures.Extra["bytes_per_cpu_s"] = bytes / (cpuMs / 1000);
            figures.Extra["rss_before_mib"] = rssBefore;
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
