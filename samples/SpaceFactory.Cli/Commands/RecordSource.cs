using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpaceFactory.Cli.Hosting;
using SpaceFactory.Core.Records;
using SpaceFactory.Hf;
using SpaceFactory.Hf.Buckets;
using SpaceFactory.Phases.Execution;

namespace SpaceFactory.Cli.Commands;

/// <summary>Opens run records from a local folder, or from a Bucket (<c>hf://buckets/ns/name</c>) through the Hub API.</summary>
internal static class RecordSource
{
    public static (IRunReader Reader, IDisposable? Owner) Open(string recordRoot, string? bucket, bool verbose)
    {
        if (bucket is null)
        {
            return (new DirectoryRunStore(recordRoot), null);
        }

        var provider = FactoryHost.BuildClients(Connections.FromEnvironment(), verbose);
        var client = provider.GetRequiredService<BucketClient>();
        var endpoint = provider.GetRequiredService<IOptions<HfClientOptions>>().Value.ResolveEndpoint();
        return (new BucketRunStore(client, BucketUri.Parse(bucket, endpoint)), provider);
    }
}
