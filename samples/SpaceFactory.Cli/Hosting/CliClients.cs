using Microsoft.Extensions.Logging;
using SpaceFactory.Hf;

namespace SpaceFactory.Cli.Hosting;

/// <summary>The Hugging Face clients of one verb and the logging they write to; disposing flushes the logs.</summary>
/// <param name="hf">The clients.</param>
/// <param name="logging">Their logger factory, owned here (the clients do not dispose what they were given).</param>
internal sealed class CliClients(HfClients hf, ILoggerFactory logging) : IDisposable
{
    public HfClients Hf { get; } = hf;

    public void Dispose()
    {
        Hf.Dispose();
        logging.Dispose();
    }
}
