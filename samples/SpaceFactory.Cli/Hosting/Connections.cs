using SpaceFactory.Hf;

namespace SpaceFactory.Cli.Hosting;

/// <summary>Finds the Hub connection from the environment (<c>HF_ENDPOINT</c>, <c>HF_TOKEN</c>).</summary>
internal static class Connections
{
    /// <summary>The real Hub: <c>HF_TOKEN</c> is required.</summary>
    public static FactoryConnection FromEnvironment()
    {
        var options = new HfClientOptions();
        var token = options.ResolveToken() ?? throw new MissingTokenException();
        return new FactoryConnection(options.ResolveEndpoint(), token, IsSandbox: false);
    }
}

/// <summary>No token is configured for the real Hub (exit code 3).</summary>
internal sealed class MissingTokenException()
    : Exception("HF_TOKEN is not set. Create a token with write access (and the 'jobs' permission to run in Jobs) in your Hugging Face settings and export HF_TOKEN=..., or add --sandbox to run against the built-in Sandbox.");
