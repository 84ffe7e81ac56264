using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpaceFactory.Cli.Hosting;
using SpaceFactory.Core.Records;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Buckets;
using SpaceFactory.Phases.Execution;
using SpaceFactory.Phases.Monitoring;

namespace SpaceFactory.Cli.Commands;

/// <summary>Opens run records from a local folder, or from a Bucket (<c>hf://buckets/ns/name</c>) through the Hub API.</summary>
internal static class RecordSource
{
    /// <summary>The records; <c>Clients</c> is set (and owned by the caller) when they are read from a Bucket.</summary>
    public static (IRunReader Reader, ServiceProvider? Clients) Open(string recordRoot, string? bucket, bool verbose)
    {
        if (bucket is null)
        {
            return (new DirectoryRunStore(recordRoot), null);
        }

        var (root, provider) = OpenBucket(bucket, verbose);
        var client = provider.GetRequiredService<BucketClient>();
        StartupTrace.Mark("client-created");
        return (new BucketRunStore(client, root), provider);
    }

    /// <summary>The monitor history beside the records (<c>monitors/…</c>).</summary>
    public static (MonitorHistory History, ServiceProvider? Clients) OpenMonitors(string recordRoot, string? bucket, bool verbose)
    {
        if (bucket is null)
        {
            return (MonitorHistory.InFolder(recordRoot), null);
        }

        var (root, provider) = OpenBucket(bucket, verbose);
        return (MonitorHistory.InBucket(provider.GetRequiredService<BucketClient>(), root), provider);
    }

    private static (BucketUri Root, ServiceProvider Clients) OpenBucket(string bucket, bool verbose)
    {
        var provider = FactoryHost.BuildClients(Connections.FromEnvironment(), verbose);
        var endpoint = provider.GetRequiredService<IOptions<HfClientOptions>>().Value.ResolveEndpoint();
        if (!BucketUri.TryParse(bucket, endpoint, out var root, out var error))
        {
            provider.Dispose();
            throw new CliInputException($"--bucket '{bucket}' is not a Bucket location: {error}");
        }

        return (root, provider);
    }
}
