using SpaceFactory.Cli.Hosting;
using SpaceFactory.Core.Records;
using SpaceFactory.Hf.Buckets;
using SpaceFactory.Phases.Execution;
using SpaceFactory.Phases.Monitoring;

namespace SpaceFactory.Cli.Commands;

/// <summary>Opens run records from a local folder, or from a Bucket (<c>hf://buckets/ns/name</c>) through the Hub API.</summary>
internal static class RecordSource
{
    /// <summary>The records; <c>Clients</c> is set (and owned by the caller) when they are read from a Bucket.</summary>
    public static (IRunReader Reader, CliClients? Clients) Open(string recordRoot, string? bucket, bool verbose)
    {
        if (bucket is null)
        {
            return (new DirectoryRunStore(recordRoot), null);
        }

        var (root, clients) = OpenBucket(bucket, verbose);
        var client = clients.Hf.Buckets;
        StartupTrace.Mark("client-created");
        return (new BucketRunStore(client, root), clients);
    }

    /// <summary>The monitor history beside the records (<c>monitors/…</c>).</summary>
    public static (MonitorHistory History, CliClients? Clients) OpenMonitors(string recordRoot, string? bucket, bool verbose)
    {
        if (bucket is null)
        {
            return (MonitorHistory.InFolder(recordRoot), null);
        }

        var (root, clients) = OpenBucket(bucket, verbose);
        return (MonitorHistory.InBucket(clients.Hf.Buckets, root), clients);
    }

    private static (BucketUri Root, CliClients Clients) OpenBucket(string bucket, bool verbose)
    {
        var clients = FactoryHost.BuildClients(Connections.FromEnvironment(), verbose);
        if (!BucketUri.TryParse(bucket, clients.Hf.Options.ResolveEndpoint(), out var root, out var error))
        {
            clients.Dispose();
            throw new CliInputException($"--bucket '{bucket}' is not a Bucket location: {error}");
        }

        return (root, clients);
    }
}
